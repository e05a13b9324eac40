package io.autoflow.automation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One API call the service was asked to make, and its outcome once it has one. */
@Entity
@Table(name = "automation_runs")
public class AutomationRun extends PanacheEntityBase {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    @Column(name = "execution_id")
    public UUID executionId;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(nullable = false)
    public String method;

    @Column(nullable = false)
    public String url;

    @Column(nullable = false)
    public String status;

    @JdbcTypeCode(SqlTypes.JSON)
    public String result;

    @JdbcTypeCode(SqlTypes.JSON)
    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    /** Until when the replica that took the run up is at work on it; past it, another may take it up. */
    @Column(name = "claimed_until")
    public Instant claimedUntil;

    public boolean isFinished() {
        return !RUNNING.equals(status);
    }

    public boolean isClaimed(Instant now) {
        return claimedUntil != null && claimedUntil.isAfter(now);
    }
}
