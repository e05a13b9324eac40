package io.autoflow.service.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The shared secret that proves a request comes from another Autoflow service: what a caller sends, and whether a
 * presented token is one of those accepted.
 */
@ApplicationScoped
public class ServiceTokens {

    /** The request header that carries the service token. */
    public static final String HEADER = "X-Autoflow-Service-Token";
    static final int MIN_LENGTH = 32;

    private final String callerToken;
    /** Tokens are compared as SHA-256 digests: equal lengths, so the comparison says nothing about a token's length. */
    private final List<byte[]> acceptedDigests;

    @Inject
    public ServiceTokens(ServiceAuthConfig config) {
        this(config.tokens());
    }

    ServiceTokens(List<String> configured) {
        List<String> tokens = configured.stream().map(String::trim).filter(token -> !token.isEmpty()).toList();
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("autoflow.service-auth.tokens (AUTOFLOW_SERVICE_TOKEN) holds no token");
        }
        if (tokens.stream().anyMatch(token -> token.length() < MIN_LENGTH)) {
            throw new IllegalArgumentException("autoflow.service-auth.tokens (AUTOFLOW_SERVICE_TOKEN): every token"
                    + " must be at least " + MIN_LENGTH + " characters");
        }
        this.callerToken = tokens.get(0);
        this.acceptedDigests = tokens.stream().map(ServiceTokens::sha256).toList();
    }

    /** The token this service sends when it calls another one. */
    public String callerToken() {
        return callerToken;
    }

    /** Whether {@code presented} is one of the accepted tokens, in time that does not depend on where it differs. */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] digest = sha256(presented);
        boolean accepted = false;
        for (byte[] candidate : acceptedDigests) {
            accepted |= MessageDigest.isEqual(candidate, digest);
        }
        return accepted;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
