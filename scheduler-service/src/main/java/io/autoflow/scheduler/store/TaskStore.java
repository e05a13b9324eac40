package io.autoflow.scheduler.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The schedules and their runs, in this service's schema. Due schedules are claimed under a row lock
 * ({@code FOR UPDATE SKIP LOCKED}) and moved on in the same transaction that writes their runs, so any number of
 * replicas fire each run exactly once.
 */
@ApplicationScoped
public class TaskStore {

    private static final String COLUMNS = "id, user_id, tier, name, cron, time_zone, task_intent, task_parameters,"
            + " status, next_run_at, last_run_at, runs, missed, created_at";

    /** The schedules asked for directly, not a workflow's (those count against the workflow limits instead). */
    private static final String NOT_A_WORKFLOW = "task_intent <> '" + Intents.WORKFLOW_RUN + "'";

    private final AgroalDataSource db;

    public TaskStore(AgroalDataSource db) {
        this.db = db;
    }

    /** @return whether it is new; a schedule already stored (a redelivered request) is left as it is */
    public boolean create(ScheduledTask task) {
        String sql = """
                INSERT INTO scheduled_tasks (id, user_id, tier, name, cron, time_zone, task_intent, task_parameters,
                    status, next_run_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'active', ?, ?)
                ON CONFLICT (id) DO NOTHING""";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bindNew(s, task);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store schedule " + task.id(), e);
        }
    }

    /**
     * Sets a workflow's schedule as the orchestrator last said (task_intent {@code workflow_run}): made, or changed
     * keeping its next run when the expression and zone are the same. A word older than the one kept is ignored.
     */
    public void keepWorkflowSchedule(ScheduledTask task, Instant changedAt) {
        String sql = """
                INSERT INTO scheduled_tasks (id, user_id, tier, name, cron, time_zone, task_intent, task_parameters,
                    status, next_run_at, created_at, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'active', ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET tier = excluded.tier, name = excluded.name, cron = excluded.cron,
                    time_zone = excluded.time_zone, task_parameters = excluded.task_parameters, status = 'active',
                    cancelled_at = NULL, changed_at = excluded.changed_at,
                    next_run_at = CASE WHEN scheduled_tasks.status = 'active' AND scheduled_tasks.cron = excluded.cron
                        AND scheduled_tasks.time_zone = excluded.time_zone THEN scheduled_tasks.next_run_at
                        ELSE excluded.next_run_at END
                WHERE scheduled_tasks.changed_at IS NULL OR scheduled_tasks.changed_at < excluded.changed_at""";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bindNew(s, task);
            s.setTimestamp(11, Timestamp.from(changedAt));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not keep the schedule of workflow task " + task.id(), e);
        }
    }

    /** Binds a new schedule's columns, id to created_at, as both inserts list them (parameters 1 to 10). */
    private static void bindNew(PreparedStatement s, ScheduledTask task) throws SQLException {
        s.setObject(1, UUID.fromString(task.id()));
        s.setString(2, task.userId());
        s.setString(3, task.tier());
        s.setString(4, task.name());
        s.setString(5, task.cron());
        s.setString(6, task.timeZone());
        s.setString(7, task.taskIntent());
        s.setString(8, task.taskParameters().toString());
        s.setTimestamp(9, Timestamp.from(task.nextRunAt()));
        s.setTimestamp(10, Timestamp.from(task.createdAt()));
    }

    /** Stops a workflow's schedule (disabled, another trigger, deleted), unless a newer word is kept. */
    public void stopWorkflowSchedule(String id, Instant changedAt) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE scheduled_tasks SET status = 'cancelled', cancelled_at = COALESCE(cancelled_at, ?),
                    next_run_at = NULL, changed_at = ?
                WHERE id = ?::uuid AND (changed_at IS NULL OR changed_at < ?)""")) {
            s.setTimestamp(1, Timestamp.from(changedAt));
            s.setTimestamp(2, Timestamp.from(changedAt));
            s.setString(3, id);
            s.setTimestamp(4, Timestamp.from(changedAt));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not stop workflow task " + id, e);
        }
    }

    public Optional<ScheduledTask> find(String id) {
        List<ScheduledTask> found = query("SELECT " + COLUMNS + " FROM scheduled_tasks WHERE id = ?::uuid", id);
        return found.stream().findFirst();
    }

    /** The user's schedules, active first, newest first; their workflows' schedules are their workflows'. */
    public List<ScheduledTask> list(String userId) {
        return query("SELECT " + COLUMNS + " FROM scheduled_tasks WHERE user_id = ? AND " + NOT_A_WORKFLOW
                + " ORDER BY status, created_at DESC", userId);
    }

    public long countActive(String userId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM scheduled_tasks WHERE user_id = ? AND status = 'active' AND "
                        + NOT_A_WORKFLOW)) {
            s.setString(1, userId);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count schedules", e);
        }
    }

    /** Stops the user's schedule; no run starts after this returns. @return false when the user has no such one */
    public boolean cancel(String id, String userId, Instant now) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                UPDATE scheduled_tasks SET status = 'cancelled', cancelled_at = COALESCE(cancelled_at, ?),
                    next_run_at = NULL
                WHERE id = ?::uuid AND user_id = ?""")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, id);
            s.setString(3, userId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not cancel schedule " + id, e);
        }
    }

    /**
     * Claims the schedules due at {@code now}, and for each writes one run and moves it on, in one transaction.
     *
     * @param plan given a due schedule and now, its run's intent and the schedule's next state
     * @return the runs written, for their intents to be published
     */
    public List<DueRun> fireDue(Instant now, int limit, BiFunction<ScheduledTask, Instant, Firing> plan) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<DueRun> fired = new ArrayList<>();
                List<ScheduledTask> due;
                try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM scheduled_tasks"
                        + " WHERE status = 'active' AND next_run_at <= ? ORDER BY next_run_at LIMIT ?"
                        + " FOR UPDATE SKIP LOCKED")) {
                    s.setTimestamp(1, Timestamp.from(now));
                    s.setInt(2, limit);
                    due = read(s);
                }
                for (ScheduledTask task : due) {
                    Firing firing = plan.apply(task, now);
                    if (insertRun(c, task, firing.run(), now)) {
                        fired.add(firing.run());
                    }
                    try (PreparedStatement s = c.prepareStatement("""
                            UPDATE scheduled_tasks SET next_run_at = ?, last_run_at = ?, runs = runs + 1,
                                missed = missed + ?, status = ?
                            WHERE id = ?::uuid""")) {
                        s.setTimestamp(1, firing.nextRunAt() == null ? null : Timestamp.from(firing.nextRunAt()));
                        s.setTimestamp(2, Timestamp.from(task.nextRunAt()));
                        s.setInt(3, firing.missed());
                        s.setString(4, firing.nextRunAt() == null ? ScheduledTask.CANCELLED : ScheduledTask.ACTIVE);
                        s.setString(5, task.id());
                        s.executeUpdate();
                    }
                }
                c.commit();
                return fired;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not fire due schedules", e);
        }
    }

    /** How a due schedule fires: its run, when it runs next (null: never again) and how many times it missed. */
    public record Firing(DueRun run, Instant nextRunAt, int missed) {
    }

    private static boolean insertRun(Connection c, ScheduledTask task, DueRun run, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO scheduled_runs (execution_id, task_id, user_id, scheduled_for, intent, created_at)
                VALUES (?::uuid, ?::uuid, ?, ?, ?::jsonb, ?) ON CONFLICT DO NOTHING""")) {
            s.setString(1, run.executionId());
            s.setString(2, task.id());
            s.setString(3, task.userId());
            s.setTimestamp(4, Timestamp.from(task.nextRunAt()));
            s.setString(5, EventJson.write(run.intent()));
            s.setTimestamp(6, Timestamp.from(now));
            return s.executeUpdate() == 1;
        }
    }

    /** Runs written a while ago whose intent has not been published: Kafka failed, or the process died. */
    public List<DueRun> unpublished(Instant writtenBefore, int limit) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT execution_id, intent FROM scheduled_runs
                WHERE published_at IS NULL AND created_at < ? ORDER BY created_at LIMIT ?""")) {
            s.setTimestamp(1, Timestamp.from(writtenBefore));
            s.setInt(2, limit);
            List<DueRun> runs = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    runs.add(new DueRun(rows.getString(1), EventJson.read(rows.getString(2), IntentParsed.class)));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read unpublished runs", e);
        }
    }

    public void markPublished(String executionId, Instant at) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE scheduled_runs SET published_at = ? WHERE execution_id = ?::uuid")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, executionId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not mark run " + executionId, e);
        }
    }

    /** Erasure of a user (GDPR): their schedules and runs go. */
    public int forget(String userId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM scheduled_tasks WHERE user_id = ?")) {
            s.setString(1, userId);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not forget a user's schedules", e);
        }
    }

    /** The id of a schedule's run at a time: the same whoever computes it, so a run is one job. */
    public static String runId(String taskId, Instant scheduledFor) {
        return UUID.nameUUIDFromBytes((taskId + "@" + scheduledFor).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private List<ScheduledTask> query(String sql, String parameter) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            return read(s);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read schedules", e);
        }
    }

    private static List<ScheduledTask> read(PreparedStatement s) throws SQLException {
        List<ScheduledTask> tasks = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                tasks.add(new ScheduledTask(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                        EventJson.read(rows.getString(8), JsonNode.class), rows.getString(9), instant(rows, 10),
                        instant(rows, 11), rows.getInt(12), rows.getInt(13), instant(rows, 14)));
            }
        }
        return tasks;
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp at = rows.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
