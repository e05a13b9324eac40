package io.autoflow.notification.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.autoflow.events.EventJson;
import io.autoflow.events.NotificationRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifications and their attempts, in this service's schema. Due notifications are claimed with a lease
 * ({@code FOR UPDATE SKIP LOCKED}), so any number of replicas share the work and no attempt is made twice.
 */
@ApplicationScoped
public class NotificationStore {

    private final AgroalDataSource db;

    public NotificationStore(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * @param traceParent the W3C traceparent of the record that asked for it, kept for its attempts; may be null
     * @return whether the request is new; a redelivered one is already here and is left as it is
     */
    public boolean accept(NotificationRequested request, String traceParent, Instant now, Duration retryWindow) {
        String sql = """
                INSERT INTO notifications (id, execution_id, user_id, channel, target, request, status, attempts,
                    next_attempt_at, give_up_at, created_at, updated_at, trace_parent)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, 'pending', 0, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, request.notificationId());
            s.setString(2, request.executionId());
            s.setString(3, request.userId());
            s.setString(4, request.channel());
            s.setString(5, request.target());
            s.setString(6, EventJson.write(request));
            s.setTimestamp(7, Timestamp.from(now));
            s.setTimestamp(8, Timestamp.from(now.plus(retryWindow)));
            s.setTimestamp(9, Timestamp.from(now));
            s.setTimestamp(10, Timestamp.from(now));
            s.setString(11, traceParent);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record notification " + request.notificationId(), e);
        }
    }

    /** Claims up to {@code limit} due notifications for {@code lease}; the caller attempts each and records it. */
    public List<Notification> claimDue(Instant now, Duration lease, int limit) {
        String sql = """
                UPDATE notifications SET lease_until = ?, updated_at = ?
                WHERE id IN (SELECT id FROM notifications
                             WHERE status IN ('pending', 'retrying') AND next_attempt_at <= ?
                               AND (lease_until IS NULL OR lease_until < ?)
                             ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING request, attempts, created_at, give_up_at, trace_parent""";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(now.plus(lease)));
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, Timestamp.from(now));
            s.setTimestamp(4, Timestamp.from(now));
            s.setInt(5, limit);
            List<Notification> claimed = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Notification(EventJson.mapper().readValue(rows.getString(1),
                            NotificationRequested.class), rows.getInt(2), rows.getTimestamp(3).toInstant(),
                            rows.getTimestamp(4).toInstant(), rows.getString(5)));
                }
            }
            return claimed;
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Could not claim due notifications", e);
        }
    }

    /**
     * Records one attempt and the notification's new state in one transaction.
     *
     * @param nextAttemptAt when to try again, or {@code null} when the status is final
     */
    public void record(Notification notification, Attempt attempt, Instant nextAttemptAt) {
        String insert = """
                INSERT INTO deliveries (notification_id, execution_id, user_id, channel, target, attempt, status,
                    response_code, error_code, error, started_at, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        String update = """
                UPDATE notifications SET status = ?, attempts = ?, next_attempt_at = COALESCE(?, next_attempt_at),
                    lease_until = NULL, updated_at = ? WHERE id = ?""";
        NotificationRequested request = notification.request();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(insert); PreparedStatement u = c.prepareStatement(update)) {
                s.setString(1, request.notificationId());
                s.setString(2, request.executionId());
                s.setString(3, request.userId());
                s.setString(4, request.channel());
                s.setString(5, request.target());
                s.setInt(6, attempt.number());
                s.setString(7, attempt.status());
                s.setObject(8, attempt.responseCode());
                s.setString(9, attempt.errorCode());
                s.setString(10, attempt.error());
                s.setTimestamp(11, Timestamp.from(attempt.startedAt()));
                s.setTimestamp(12, Timestamp.from(attempt.finishedAt()));
                s.executeUpdate();
                u.setString(1, attempt.status());
                u.setInt(2, attempt.number());
                u.setTimestamp(3, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt));
                u.setTimestamp(4, Timestamp.from(attempt.finishedAt()));
                u.setString(5, request.notificationId());
                u.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record attempt " + attempt.number() + " of "
                    + request.notificationId(), e);
        }
    }

    /** Every attempt of one notification, oldest first. */
    public List<Attempt> attempts(String notificationId) {
        String sql = """
                SELECT attempt, status, response_code, error_code, error, started_at, finished_at
                FROM deliveries WHERE notification_id = ? ORDER BY attempt""";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, notificationId);
            List<Attempt> attempts = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    attempts.add(new Attempt(rows.getInt(1), rows.getString(2), (Integer) rows.getObject(3),
                            rows.getString(4), rows.getString(5), rows.getTimestamp(6).toInstant(),
                            rows.getTimestamp(7).toInstant()));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the attempts of " + notificationId, e);
        }
    }

    /** Removes a deleted user's notifications, their attempts and their webhook secret (GDPR erasure). */
    public void forget(String userId) {
        try (Connection c = db.getConnection();
                PreparedStatement notifications = c.prepareStatement("DELETE FROM notifications WHERE user_id = ?");
                PreparedStatement deliveries = c.prepareStatement("DELETE FROM deliveries WHERE user_id = ?");
                PreparedStatement secrets = c.prepareStatement("DELETE FROM webhook_secrets WHERE user_id = ?")) {
            c.setAutoCommit(false);
            for (PreparedStatement delete : List.of(deliveries, notifications, secrets)) {
                delete.setString(1, userId);
                delete.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget a deleted user's notifications", e);
        }
    }

    /** Everything this service holds about a user, as JSON rows by table (their data export). */
    public Map<String, List<JsonNode>> export(String userId) {
        Map<String, List<JsonNode>> tables = new LinkedHashMap<>();
        for (String sql : List.of(
                "SELECT 'notifications', row_to_json(t) FROM notifications t WHERE user_id = ?",
                "SELECT 'deliveries', row_to_json(t) FROM deliveries t WHERE user_id = ?",
                "SELECT 'webhook_secrets', json_build_object('user_id', user_id, 'created_at', created_at)"
                        + " FROM webhook_secrets WHERE user_id = ?")) {
            try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, userId);
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        tables.computeIfAbsent(rows.getString(1), t -> new ArrayList<>())
                                .add(EventJson.mapper().readTree(rows.getString(2)));
                    }
                }
            } catch (SQLException | java.io.IOException e) {
                throw new IllegalStateException("Could not export a user's notifications", e);
            }
        }
        return tables;
    }
}
