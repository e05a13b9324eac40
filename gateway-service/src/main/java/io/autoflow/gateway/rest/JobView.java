package io.autoflow.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.ExecutionView;
import io.autoflow.events.Intents;
import io.autoflow.events.JobDelivery;
import io.autoflow.events.ScheduleView;
import io.autoflow.events.result.AnalysisResult;
import io.autoflow.events.result.ApiCallResult;
import io.autoflow.events.result.JobResult;
import io.autoflow.events.result.NotificationResult;
import io.autoflow.events.result.TransformResult;
import io.autoflow.events.result.WorkflowRunResult;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job as its owner sees it: the orchestrator's record ({@link ExecutionView}) with what the gateway adds — the
 * uploaded file's name, where the report and any file it made are, and links to its charts.
 *
 * <p>Its {@code result} is its workflow's record ({@link JobResult}), chosen by {@code workflow_type}. The document
 * says so the way client generators read best: {@code Job} has {@code workflow_type} as its discriminator, and each
 * workflow's job ({@link DocumentAnalyticsJob} and the others below) is {@code allOf: [Job]} plus its typed
 * {@code result}; a generated Java client then reads a {@code DocumentAnalyticsJob} whose {@code getResult()} is an
 * {@code AnalysisResult}.
 */
@Schema(name = "Job", requiredProperties = {"job_id", "workflow_type", "status", "created_at", "attempt", "charts"},
        description = "A job; its result is that of its workflow_type (see the mapping: DocumentAnalyticsJob and the"
                + " others)",
        discriminatorProperty = "workflow_type", discriminatorMapping = {
                @DiscriminatorMapping(value = Intents.DOCUMENT_ANALYTICS, schema = JobView.DocumentAnalyticsJob.class),
                @DiscriminatorMapping(value = Intents.API_AUTOMATION, schema = JobView.ApiAutomationJob.class),
                @DiscriminatorMapping(value = Intents.DATA_TRANSFORM, schema = JobView.DataTransformJob.class),
                @DiscriminatorMapping(value = Intents.NOTIFICATION, schema = JobView.NotificationJob.class),
                @DiscriminatorMapping(value = Intents.SCHEDULE_TASK, schema = JobView.ScheduleTaskJob.class),
                @DiscriminatorMapping(value = Intents.WORKFLOW_RUN, schema = JobView.WorkflowRunJob.class)})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
        String jobId,
        @Schema(enumeration = {Intents.DOCUMENT_ANALYTICS, Intents.API_AUTOMATION, Intents.DATA_TRANSFORM,
                Intents.NOTIFICATION, Intents.SCHEDULE_TASK, Intents.WORKFLOW_RUN}) String workflowType,
        @Schema(enumeration = {ExecutionView.QUEUED, ExecutionView.PROCESSING, ExecutionView.COMPLETED,
                ExecutionView.FAILED}) String status,
        @Schema(description = "0 to 100, while processing") Integer progress,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Integer durationMs,
        @Schema(description = "How many times a worker was given the job (more than 1 after a worker was lost)")
        int attempt,
        @Schema(description = "The uploaded document's name") String fileName,
        // Documented by each workflow's job below, typed: the record varies with workflow_type.
        @Schema(hidden = true) JobResult result,
        @Schema(description = "Why the job failed") ErrorInfo error,
        @Schema(description = "Where the hand-over stands once completed: ready (download), pending, retrying,"
                + " delivered or failed (email and webhook)",
                enumeration = {"ready", "pending", "retrying", "delivered", "failed"}) String deliveryStatus,
        JobDelivery delivery,
        @Schema(description = "GET it with your credential for the report") String reportUrl,
        @Schema(description = "A link that works without credential until download_url_expires_at (the report,"
                + " or the file the job made)") String downloadUrl,
        Instant downloadUrlExpiresAt,
        @Schema(description = "The job's charts, each with a link that works without credential")
        List<ChartLink> charts) {

    public record ChartLink(String title, String url) {
    }

    /** Ended, hand-over included: nothing about it will change. (Not a getter: it is no field of the JSON.) */
    public boolean hasEnded() {
        boolean ended = ExecutionView.COMPLETED.equals(status) || ExecutionView.FAILED.equals(status);
        return ended && !"pending".equals(deliveryStatus) && !"retrying".equals(deliveryStatus);
    }

    /** What a client watching the job cares about changing. */
    public String state() {
        return status + "|" + progress + "|" + deliveryStatus;
    }

    /** A {@code document_analytics} job: its result is an {@link AnalysisResult}. Documentation only. */
    @Schema(name = "DocumentAnalyticsJob", allOf = JobView.class,
            description = "A job of workflow_type document_analytics")
    public record DocumentAnalyticsJob(@Schema(description = "Once completed") AnalysisResult result) {
    }

    /** An {@code api_automation} job: its result is an {@link ApiCallResult}. Documentation only. */
    @Schema(name = "ApiAutomationJob", allOf = JobView.class, description = "A job of workflow_type api_automation")
    public record ApiAutomationJob(@Schema(description = "Once completed") ApiCallResult result) {
    }

    /** A {@code data_transform} job: its result is a {@link TransformResult}. Documentation only. */
    @Schema(name = "DataTransformJob", allOf = JobView.class, description = "A job of workflow_type data_transform")
    public record DataTransformJob(@Schema(description = "Once completed") TransformResult result) {
    }

    /** A {@code notification} job: its result is a {@link NotificationResult}. Documentation only. */
    @Schema(name = "NotificationJob", allOf = JobView.class, description = "A job of workflow_type notification")
    public record NotificationJob(@Schema(description = "Once completed") NotificationResult result) {
    }

    /** A {@code schedule_task} job: its result is the schedule it set up. Documentation only. */
    @Schema(name = "ScheduleTaskJob", allOf = JobView.class, description = "A job of workflow_type schedule_task")
    public record ScheduleTaskJob(@Schema(description = "The schedule set up, once completed") ScheduleView result) {
    }

    /**
     * A {@code workflow_run} job: its result is a {@link WorkflowRunResult}, its steps as they go. Documentation
     * only.
     */
    @Schema(name = "WorkflowRunJob", allOf = JobView.class, description = "A job of workflow_type workflow_run: a"
            + " workflow's run, each of whose steps is a job of its own")
    public record WorkflowRunJob(@Schema(description = "The run's steps, kept up to date while it runs")
            WorkflowRunResult result) {
    }
}
