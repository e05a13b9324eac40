package io.autoflow.events.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A workflow's run ({@code workflow_run}): which revision ran and how each of its steps went, kept up to date while it
 * runs. Each step ran as a job of its own ({@code job_id}), whose full result GET /api/jobs/{id} shows.
 */
@Schema(name = "WorkflowRunResult", description = "How a workflow's run went, step by step (workflow_type"
        + " workflow_run)", requiredProperties = {"workflow_id", "revision", "trigger", "steps", "narrative"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowRunResult(
        String workflowId,
        @Schema(description = "The revision the run is pinned to") int revision,
        @Schema(enumeration = {"manual", "schedule", "webhook"}) String trigger,
        @Schema(description = "A run restarted from its failed step: the run whose earlier steps it reused")
        String rerunOf,
        @Schema(description = "In order; a fallback step follows the step it stands in for") List<StepRun> steps,
        Narrative narrative) implements JobResult {

    public static final String PENDING = "pending";
    public static final String RUNNING = "running";
    public static final String WAITING = "waiting";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    public static final String CANCELLED = "cancelled";

    public WorkflowRunResult {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public WorkflowRunResult withSteps(List<StepRun> changed, Narrative told) {
        return new WorkflowRunResult(workflowId, revision, trigger, rerunOf, changed, told);
    }

    /** One step of the run. */
    @Schema(name = "StepRun", requiredProperties = {"name", "type", "status", "attempt"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepRun(
            String name,
            @Schema(enumeration = {"http", "transform", "analyse", "convert", "notify"}) String type,
            @Schema(description = "pending (not reached), running, waiting (to be tried again), completed, failed,"
                    + " skipped (the run stopped before it) or cancelled",
                    enumeration = {PENDING, RUNNING, WAITING, COMPLETED, FAILED, SKIPPED, CANCELLED}) String status,
            @Schema(description = "Which attempt (1 first); 0 before the first") int attempt,
            @Schema(description = "The job of its latest attempt") String jobId,
            Instant startedAt,
            @Schema(description = "From the attempt's start to its end") Long durationMs,
            @Schema(description = "The size of the file it read") Long inputBytes,
            @Schema(description = "The size of the file it made") Long outputBytes,
            @Schema(description = "Why it failed") String errorCode,
            String errorMessage,
            @Schema(description = "A fallback step: the step it stands in for") String fallbackFor,
            @Schema(description = "Reused from the earlier run (rerun_of) rather than run again") Boolean reused) {

        public static StepRun pending(String name, String type) {
            return new StepRun(name, type, PENDING, 0, null, null, null, null, null, null, null, null, null);
        }

        public StepRun withStatus(String changed) {
            return new StepRun(name, type, changed, attempt, jobId, startedAt, durationMs, inputBytes, outputBytes,
                    errorCode, errorMessage, fallbackFor, reused);
        }

        /** A new attempt: its job, waiting for its time or running. */
        public StepRun attempted(String newStatus, int number, String job, Long readBytes) {
            return new StepRun(name, type, newStatus, number, job, null, null, readBytes, null, null, null,
                    fallbackFor, null);
        }

        public StepRun ended(String endStatus, Instant started, Long duration, Long madeBytes, String code,
                String message) {
            return new StepRun(name, type, endStatus, attempt, jobId, started, duration, inputBytes, madeBytes, code,
                    message, fallbackFor, reused);
        }

        public StepRun asFallbackFor(String step) {
            return new StepRun(name, type, status, attempt, jobId, startedAt, durationMs, inputBytes, outputBytes,
                    errorCode, errorMessage, step, reused);
        }

        public StepRun asReused() {
            return new StepRun(name, type, status, attempt, jobId, startedAt, durationMs, inputBytes, outputBytes,
                    errorCode, errorMessage, fallbackFor, true);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore // a question about the step, not a field of it
        public boolean isFinished() {
            return COMPLETED.equals(status) || FAILED.equals(status) || SKIPPED.equals(status)
                    || CANCELLED.equals(status);
        }
    }
}
