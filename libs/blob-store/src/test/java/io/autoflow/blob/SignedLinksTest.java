package io.autoflow.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignedLinksTest {

    private final SignedLinks links = new SignedLinks("a-test-key-of-at-least-thirty-two-bytes");
    private final Instant now = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void aTokenGrantsItsOneFileUntilItExpires() {
        String token = links.token("reports/u1/j1/report.pdf", "sales-report.pdf", now.plusSeconds(60));
        assertThat(links.verify(token, now)).contains(new SignedLinks.Link("reports/u1/j1/report.pdf",
                "sales-report.pdf", now.plusSeconds(60)));
        assertThat(links.verify(token, now.plusSeconds(60))).isEmpty();
    }

    @Test
    void aChangedOrForeignTokenGrantsNothing() {
        String token = links.token("reports/u1/j1/report.pdf", "r.pdf", now.plusSeconds(60));
        String otherFile = new SignedLinks("a-test-key-of-at-least-thirty-two-bytes")
                .token("reports/u2/j9/report.pdf", "r.pdf", now.plusSeconds(60));
        String forged = otherFile.substring(0, otherFile.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThat(links.verify(forged, now)).isEmpty();
        assertThat(new SignedLinks("another-key-of-at-least-thirty-two-bytes!").verify(token, now)).isEmpty();
        assertThat(links.verify("garbage", now)).isEmpty();
        assertThat(links.verify("a.b", now)).isEmpty();
        assertThat(links.verify(null, now)).isEmpty();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new SignedLinks("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
