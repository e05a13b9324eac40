package io.autoflow.orchestrator.domain;

import io.autoflow.events.ExecutionEvent.Status;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A job: what was asked, where it stands, and what came out. */
@Entity
@Table(name = "executions")
public class Execution extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public String userId;

    @Column(name = "workflow_type", nullable = false)
    public String workflowType;

    @Column(nullable = false)
    public String tier;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    public Integer progress;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "input_data")
    public String inputData;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "output_data")
    public String outputData;

    @JdbcTypeCode(SqlTypes.JSON)
    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "duration_ms")
    public Integer durationMs;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * When the job must have moved on by: a queued job been taken up, a started one finished (its tier's processing
     * time and a margin). Past it, the recovery sweep sends the job again or fails it.
     */
    @Column(name = "deadline_at")
    public Instant deadlineAt;

    /** How many times the job's request was sent to its workers. */
    @Column(nullable = false)
    public int attempts = 1;

    /** requested, retrying, delivered or failed; {@code null} when the result is only downloaded. */
    @Column(name = "delivery_status")
    public String deliveryStatus;

    /** The last delivery attempt as notification-service reported it. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String delivery;

    @Column(name = "delivery_requested_at")
    public Instant deliveryRequestedAt;

    /** A workflow step's job: the run (itself a job) it belongs to; null for any other job. */
    @Column(name = "parent_id")
    public UUID parentId;

    /** A workflow step's job: which step of its run's definition, from 0. */
    @Column(name = "step_index")
    public Integer stepIndex;

    /**
     * Not stored: the jobs this change created or changed besides this one (a run's next step, the run itself), to
     * send, hand over and announce once the transaction has committed (see FollowUps).
     */
    @Transient
    public java.util.List<Execution> followUps = new java.util.ArrayList<>();

    /** Not stored: this change recorded the job (a redelivered intent finds it and leaves this false). */
    @Transient
    public boolean recordedNow;

    /** Not stored: this change ended the job, for its meters to count it once (see JobMetrics). */
    @Transient
    public boolean endedNow;

    /**
     * Moves the job forward. Status only advances (queued, started, progress, then completed or failed), so an event
     * delivered twice or late changes nothing.
     *
     * @return whether anything changed
     */
    public boolean advance(Status next, Instant at) {
        return advance(next, at, null);
    }

    /** The same, with when the worker says it began the job ({@code began}, null if it does not say). */
    public boolean advance(Status next, Instant at, Instant began) {
        if (status.isTerminal() || rank(next) < rank(status)) {
            return false;
        }
        status = next;
        updatedAt = Instant.now();
        if (next != Status.QUEUED && startedAt == null) {
            startedAt = began != null ? began : at;
        }
        if (next.isTerminal()) {
            endedNow = true;
            completedAt = at;
            durationMs = (int) Duration.between(createdAt, at).toMillis();
        }
        return true;
    }

    private static int rank(Status status) {
        return switch (status) {
            case QUEUED -> 0;
            case STARTED -> 1;
            case PROGRESS -> 2;
            case COMPLETED, FAILED -> 3;
        };
    }
}
