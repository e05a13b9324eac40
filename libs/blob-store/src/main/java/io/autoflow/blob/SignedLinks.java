package io.autoflow.blob;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Download links that need no API key: the token names one blob, the file name it downloads as and an expiry, and is
 * signed with HMAC-SHA256 under a key only the platform holds. The gateway serves a token until it expires; changing
 * any part of it breaks the signature.
 */
public final class SignedLinks {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    /** What a valid token grants. */
    public record Link(String blobKey, String fileName, Instant expires) {
    }

    /** @param signingKey at least 32 bytes (UTF-8), the same in every service that signs or serves links */
    public SignedLinks(String signingKey) {
        byte[] bytes = signingKey == null ? new byte[0] : signingKey.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The link signing key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    public String token(String blobKey, String fileName, Instant expires) {
        String payload = ENCODE.encodeToString((blobKey + "\n" + fileName + "\n" + expires.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODE.encodeToString(mac(payload));
    }

    /** The link a token grants, or empty when it is malformed, tampered with or expired. */
    public Optional<Link> verify(String token, Instant now) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(mac(payload), DECODE.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODE.decode(payload), StandardCharsets.UTF_8).split("\n", -1);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            return parts.length == 3 && now.isBefore(expires) ? Optional.of(new Link(parts[0], parts[1], expires))
                    : Optional.empty();
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
