package io.autoflow.notification.webhook;

import io.agroal.api.AgroalDataSource;
import io.autoflow.notification.config.DeliveryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Each user's webhook signing secret, kept encrypted; the plaintext leaves this service once, when it is made. */
@ApplicationScoped
public class WebhookSecrets {

    private static final Logger LOG = Logger.getLogger(WebhookSecrets.class);

    private final AgroalDataSource db;
    private final SecretCipher cipher;
    private final Duration overlap;

    public WebhookSecrets(AgroalDataSource db, SecretCipher cipher, DeliveryConfig config) {
        this.db = db;
        this.cipher = cipher;
        this.overlap = config.secretRotationOverlap();
    }

    /** A secret just made, to show its owner once, and until when the one it replaces still signs. */
    public record Created(String secret, Instant createdAt, Instant previousValidUntil) {
    }

    /** What the owner may know of their secret: since when, and until when the replaced one still signs. */
    public record Info(Instant createdAt, Instant previousValidUntil) {
    }

    /**
     * Makes a new secret for the user. The one it replaces keeps signing next to it for the overlap, so receivers
     * can switch without missing a webhook.
     */
    public Created rotate(String userId) {
        String secret = WebhookSignature.newSecret();
        Instant now = Instant.now();
        Instant previousUntil = now.plus(overlap);
        String sql = """
                INSERT INTO webhook_secrets (user_id, ciphertext, created_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET previous_ciphertext = webhook_secrets.ciphertext,
                    previous_valid_until = ?, ciphertext = EXCLUDED.ciphertext, created_at = EXCLUDED.created_at
                RETURNING previous_valid_until""";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, userId);
            s.setBytes(2, cipher.encrypt(secret));
            s.setTimestamp(3, Timestamp.from(now));
            s.setTimestamp(4, Timestamp.from(previousUntil));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                Timestamp until = rows.getTimestamp(1);
                return new Created(secret, now, until == null ? null : until.toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the webhook secret", e);
        }
    }

    /** When the user's current secret was made, if there is one, and until when the replaced one signs. */
    public Optional<Info> info(String userId) {
        return read(userId, "created_at, previous_valid_until", row -> new Info(row.getTimestamp(1).toInstant(),
                validUntil(row.getTimestamp(2))));
    }

    /**
     * The secrets to sign with now: the current one first, then the replaced one while it still signs (unless it no
     * longer decrypts: it is left out, the current one is enough).
     *
     * @throws UnreadableSecretException when the current secret does not decrypt under the configured key
     */
    public List<String> signing(String userId) {
        return read(userId, "ciphertext, previous_ciphertext, previous_valid_until", row -> {
            List<String> all = new ArrayList<>(List.of(cipher.decrypt(row.getBytes(1))));
            if (validUntil(row.getTimestamp(3)) != null && row.getBytes(2) != null) {
                try {
                    all.add(cipher.decrypt(row.getBytes(2)));
                } catch (UnreadableSecretException e) {
                    LOG.warnf("The replaced webhook secret of user %s does not decrypt; signing with the current one"
                            + " only", userId);
                }
            }
            return all;
        }).orElse(List.of());
    }

    private static Instant validUntil(Timestamp until) {
        return until != null && until.toInstant().isAfter(Instant.now()) ? until.toInstant() : null;
    }

    private interface Column<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> Optional<T> read(String userId, String columns, Column<T> value) {
        String sql = "SELECT " + columns + " FROM webhook_secrets WHERE user_id = ?";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, userId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(value.read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the webhook secret", e);
        }
    }
}
