package io.autoflow.notification.webhook;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Each user's webhook signing secret, kept encrypted; the plaintext leaves this service once, when it is made. */
@ApplicationScoped
public class WebhookSecrets {

    private final AgroalDataSource db;
    private final SecretCipher cipher;

    public WebhookSecrets(AgroalDataSource db, SecretCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /** A secret just made, to show its owner once. */
    public record Created(String secret, Instant createdAt) {
    }

    /** Makes a new secret for the user, replacing any earlier one. */
    public Created rotate(String userId) {
        String secret = WebhookSignature.newSecret();
        Instant now = Instant.now();
        String sql = """
                INSERT INTO webhook_secrets (user_id, ciphertext, created_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET ciphertext = EXCLUDED.ciphertext, created_at = EXCLUDED.created_at""";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, userId);
            s.setBytes(2, cipher.encrypt(secret));
            s.setTimestamp(3, Timestamp.from(now));
            s.executeUpdate();
            return new Created(secret, now);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the webhook secret", e);
        }
    }

    /** When the user's current secret was made, if there is one. */
    public Optional<Instant> createdAt(String userId) {
        return read(userId, "created_at", rows -> rows.getTimestamp(1).toInstant());
    }

    /** The user's current secret, to sign with. */
    public Optional<String> secret(String userId) {
        return read(userId, "ciphertext", rows -> cipher.decrypt(rows.getBytes(1)));
    }

    private interface Column<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> Optional<T> read(String userId, String column, Column<T> value) {
        String sql = "SELECT " + column + " FROM webhook_secrets WHERE user_id = ?";
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
