package io.autoflow.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoflow.gateway.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Standard Webhooks' own test vector, and what must not pass. */
class WebhookSignatureTest {

    // From the specification's reference libraries (standard-webhooks, "verifies a valid signature").
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SENT = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static final Instant NOW = Instant.ofEpochSecond(SENT + 60);

    @Test
    void theSpecificationsExampleIsValidWhicheverWayItsBodyArrives() {
        assertThatCode(() -> check(SIGNATURE, BODY)).doesNotThrowAnyException();
        // Streamed in pieces, among other signatures.
        WebhookSignature split = WebhookSignature.begin(SECRET, ID, String.valueOf(SENT),
                "v1a,ignored v1,AAAA " + SIGNATURE, NOW);
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        split.update(body, 0, 5);
        split.update(body, 5, body.length - 5);
        assertThatCode(split::verify).doesNotThrowAnyException();
    }

    @Test
    void aChangedBodyIdOrSecretIsRefused() {
        assertRefused(() -> check(SIGNATURE, BODY + " "));
        assertRefused(() -> verify(WebhookSignature.begin(SECRET, "msg_other", String.valueOf(SENT), SIGNATURE,
                NOW), BODY));
        assertRefused(() -> verify(WebhookSignature.begin("whsec_" + "A".repeat(32), ID, String.valueOf(SENT),
                SIGNATURE, NOW), BODY));
        assertRefused(() -> check("v1a," + SIGNATURE.substring(3), BODY));
        assertRefused(() -> check("v1,***", BODY));
    }

    @Test
    void aTimestampMoreThanFiveMinutesAwayOrMissingHeadersAreRefusedBeforeTheBody() {
        assertThatCode(() -> WebhookSignature.begin(SECRET, ID, String.valueOf(SENT), SIGNATURE,
                Instant.ofEpochSecond(SENT + 300))).doesNotThrowAnyException();
        assertRefused(() -> WebhookSignature.begin(SECRET, ID, String.valueOf(SENT), SIGNATURE,
                Instant.ofEpochSecond(SENT + 301)));
        assertRefused(() -> WebhookSignature.begin(SECRET, ID, String.valueOf(SENT), SIGNATURE,
                Instant.ofEpochSecond(SENT - 301)));
        assertRefused(() -> WebhookSignature.begin(SECRET, ID, "2021-02-25T15:02:10Z", SIGNATURE, NOW));
        assertRefused(() -> WebhookSignature.begin(SECRET, null, String.valueOf(SENT), SIGNATURE, NOW));
        assertRefused(() -> WebhookSignature.begin(SECRET, ID, null, SIGNATURE, NOW));
        assertRefused(() -> WebhookSignature.begin(SECRET, ID, String.valueOf(SENT), " ", NOW));
    }

    private static void check(String signatures, String body) {
        verify(WebhookSignature.begin(SECRET, ID, String.valueOf(SENT), signatures, NOW), body);
    }

    private static void verify(WebhookSignature signature, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        signature.update(bytes, 0, bytes.length);
        signature.verify();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class,
                refused -> assertThat(refused.toError().code()).isEqualTo("invalid_signature"));
    }
}
