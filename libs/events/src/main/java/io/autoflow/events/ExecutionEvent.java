package io.autoflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.result.JobResult;
import io.autoflow.events.result.JobResults;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a job, emitted by the workers and followed by the orchestrator.
 *
 * @param eventId unique per event, so a consumer can tell a redelivery from a new fact
 * @param progress 0..100 for {@link Status#PROGRESS}, else {@code null}
 * @param result a bounded summary of the job's output for {@link Status#COMPLETED} ({@link ResultSummary}); the full
 *        detail stays with the worker, in the blob store. JSON here, so that the orchestrator keeps any workflow's
 *        result as it came; it is written from, and read back into, the workflow's {@link JobResult} record
 * @param error why the job failed, for {@link Status#FAILED}
 * @param startedAt on an ending, when its worker began the job: a worker may leave out {@link Status#STARTED} for a
 *        job it ends within moments ({@code DeferredStart} in libs/service-base), and the job's start is then this;
 *        null when the worker does not say
 */
public record ExecutionEvent(String eventId, String executionId, Status status, Integer progress, String message,
        JsonNode result, ErrorInfo error, Instant occurredAt, Instant startedAt) {

    public static final String TYPE_PREFIX = "io.autoflow.execution.";

    public enum Status {
        QUEUED, STARTED, PROGRESS, COMPLETED, FAILED;

        /** A terminal status is final: later events for the job change nothing. */
        public boolean isTerminal() {
            return this == COMPLETED || this == FAILED;
        }
    }

    /** This ending, saying when its worker began the job. */
    public ExecutionEvent startedAt(Instant began) {
        return new ExecutionEvent(eventId, executionId, status, progress, message, result, error, occurredAt, began);
    }

    /** CloudEvents type of this event, e.g. {@code io.autoflow.execution.completed.v1}. */
    public String type() {
        return TYPE_PREFIX + status.name().toLowerCase() + ".v1";
    }

    public static ExecutionEvent started(String executionId) {
        return of(executionId, Status.STARTED, null, null, null, null);
    }

    public static ExecutionEvent progress(String executionId, int percent, String message) {
        return of(executionId, Status.PROGRESS, percent, message, null, null);
    }

    /** The job's result, bounded by {@link ResultSummary} so that no result can make the event too large. */
    public static ExecutionEvent completed(String executionId, JobResult result) {
        return completed(executionId, JobResults.tree(result));
    }

    /** A result stored earlier as JSON (announced again), bounded like a new one. */
    public static ExecutionEvent completed(String executionId, JsonNode result) {
        return of(executionId, Status.COMPLETED, 100, null, ResultSummary.of(result), null);
    }

    /** Why the job failed; a message or details that a document could make huge are bounded too. */
    public static ExecutionEvent failed(String executionId, ErrorInfo error) {
        ErrorInfo bounded = new ErrorInfo(error.code(), error.message() == null ? null
                : ResultSummary.cut(error.message(), ResultSummary.MAX_TEXT), ResultSummary.of(error.details()));
        return of(executionId, Status.FAILED, null, bounded.message(), null, bounded);
    }

    private static ExecutionEvent of(String executionId, Status status, Integer progress, String message,
            JsonNode result, ErrorInfo error) {
        return new ExecutionEvent(UUID.randomUUID().toString(), executionId, status, progress, message, result, error,
                Instant.now(), null);
    }
}
