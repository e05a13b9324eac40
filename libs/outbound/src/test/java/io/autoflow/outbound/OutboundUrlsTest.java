package io.autoflow.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/a.csv", "file:///etc/passwd", "gopher://x/", "example.com/a.csv",
            "http:///nohost", "https://user:secret@example.com/", "http://exa mple.com/", ""})
    void refusesWhatIsNotAPlainHttpUrl(String url) {
        assertThatThrownBy(() -> OutboundUrls.parse(url)).isInstanceOf(UrlNotAllowedException.class);
    }

    @Test
    void readsPortAndRequestLine() {
        URI uri = OutboundUrls.parse("HTTPS://example.com/a%20b/c.csv?x=1");
        assertThat(OutboundUrls.port(uri)).isEqualTo(443);
        assertThat(OutboundUrls.pathAndQuery(uri)).isEqualTo("/a%20b/c.csv?x=1");
        assertThat(OutboundUrls.pathAndQuery(OutboundUrls.parse("http://example.com"))).isEqualTo("/");
        assertThat(OutboundUrls.port(OutboundUrls.parse("http://example.com:8080/"))).isEqualTo(8080);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "10.1.2.3", "169.254.169.254", "[::1]", "[fd00::1]"})
    void refusesHostsThatAreNotPublic(String host) {
        assertThatThrownBy(() -> OutboundUrls.resolve(OutboundUrls.parse("http://" + host + "/").getHost(), false))
                .isInstanceOf(UrlNotAllowedException.class).hasMessageContaining("private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost/x", "http://api.localhost/x", "http://10.0.0.1/x", "http://[::1]/x",
            "http://169.254.169.254/latest", "http://0.0.0.0/"})
    void refusesNonPublicLiteralsWithoutDns(String url) {
        assertThatThrownBy(() -> OutboundUrls.refuseNonPublicLiteral(OutboundUrls.parse(url), false))
                .isInstanceOf(UrlNotAllowedException.class);
    }

    @Test
    void acceptsNamesAndPublicLiterals() {
        OutboundUrls.refuseNonPublicLiteral(OutboundUrls.parse("https://hooks.example.com/x"), false);
        OutboundUrls.refuseNonPublicLiteral(OutboundUrls.parse("https://8.8.8.8/x"), false);
        OutboundUrls.refuseNonPublicLiteral(OutboundUrls.parse("http://127.0.0.1:8080/x"), true);
    }

    @Test
    void anUnknownHostIsNotAnAddressProblem() {
        assertThatThrownBy(() -> OutboundUrls.resolve("no-such-host.invalid", false))
                .isInstanceOf(UnknownHostException.class);
    }

    @Test
    void loopbackWhenAllowed() throws Exception {
        assertThat(OutboundUrls.resolve("127.0.0.1", true).isLoopbackAddress()).isTrue();
    }
}
