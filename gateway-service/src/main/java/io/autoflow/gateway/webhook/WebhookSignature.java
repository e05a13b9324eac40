package io.autoflow.gateway.webhook;

import io.autoflow.gateway.rest.ApiException;
import io.autoflow.gateway.rest.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's signature as the Standard Webhooks specification defines it, so any sender built on one of its
 * libraries (Svix and others) can start a run: HMAC-SHA256 over {@code {webhook-id}.{webhook-timestamp}.{body}}, keyed
 * with the bytes of the base64 after {@code whsec_}, sent in {@code webhook-signature} as a space-separated list of
 * {@code v1,<base64>} (several while a sender rotates secrets). A timestamp more than 5 minutes from now is refused, so
 * a request overheard cannot be replayed later. The body is fed as it streams in ({@link #update}), never held whole.
 */
public final class WebhookSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** How far a request's timestamp may be from the gateway's clock, either way. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String SECRET_PREFIX = "whsec_";
    private static final String VERSION = "v1,";

    private final Mac mac;
    private final String signatures;

    private WebhookSignature(Mac mac, String signatures) {
        this.mac = mac;
        this.signatures = signatures;
    }

    /**
     * Starts checking a request whose body is still to come: its three headers are there and its timestamp is fresh.
     *
     * @param secret the workflow's signing secret, {@code whsec_<base64>}
     * @throws ApiException 401 {@code invalid_signature} for a missing header or a timestamp that is not unix seconds
     *     within {@link #TOLERANCE} of {@code now}
     */
    public static WebhookSignature begin(String secret, String id, String timestamp, String signatures,
            Instant now) {
        if (blank(id) || blank(timestamp) || blank(signatures)) {
            throw refusal("Sign the request as Standard Webhooks does: headers " + ID + ", " + TIMESTAMP + " and "
                    + SIGNATURE);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw refusal(TIMESTAMP + " must be the time of sending in unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            throw refusal(TIMESTAMP + " is more than " + TOLERANCE.toMinutes() + " minutes from now: sign each"
                    + " request as it is sent");
        }
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        mac.update((id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8));
        return new WebhookSignature(mac, signatures);
    }

    /** The next bytes of the body, as they arrive. */
    public void update(byte[] bytes, int offset, int length) {
        mac.update(bytes, offset, length);
    }

    /**
     * Ends the check once the whole body went through {@link #update}: one of the {@code v1} signatures must be the
     * body's, compared in constant time.
     *
     * @throws ApiException 401 {@code invalid_signature} otherwise
     */
    public void verify() {
        byte[] expected = mac.doFinal();
        for (String given : signatures.strip().split(" +")) {
            if (!given.startsWith(VERSION)) {
                continue; // another scheme of the specification (v1a), which this does not check
            }
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(given.substring(VERSION.length()));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            if (MessageDigest.isEqual(expected, signature)) {
                return;
            }
        }
        throw refusal(SIGNATURE + " holds no valid v1 signature of this request made with the workflow's secret");
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static ApiException refusal(String message) {
        return new ApiException(ErrorCode.INVALID_SIGNATURE, message);
    }
}
