package io.autoflow.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.ExecutionView;
import io.autoflow.events.Intents;
import io.autoflow.events.JobDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A job as its owner sees it: the orchestrator's record ({@link ExecutionView}) with what the gateway adds — the
 * uploaded file's name, where the report and any file it made are, and links to its charts.
 */
@Schema(name = "Job", requiredProperties = {"job_id", "workflow_type", "status", "created_at", "attempt", "charts"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
        String jobId,
        @Schema(enumeration = {Intents.DOCUMENT_ANALYTICS, Intents.API_AUTOMATION, Intents.DATA_TRANSFORM,
                Intents.NOTIFICATION, Intents.SCHEDULE_TASK}) String workflowType,
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
        @Schema(implementation = Map.class, description = "What the job made,"
                + " by workflow_type: document_analytics: tables (each with its columns' statistics), text,"
                + " insights, narrative, alerts, charts, report; api_automation: the answer's status_code, headers,"
                + " body or response (a stored file); data_transform: file, rows; schedule_task: the Schedule;"
                + " notification: how it was sent")
        JsonNode result,
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

    JobView withResult(JsonNode fullResult) {
        return new JobView(jobId, workflowType, status, progress, createdAt, startedAt, completedAt, durationMs,
                attempt, fileName, fullResult, error, deliveryStatus, delivery, reportUrl, downloadUrl,
                downloadUrlExpiresAt, charts);
    }

    /** Ended, hand-over included: nothing about it will change. */
    public boolean isFinal() {
        boolean ended = ExecutionView.COMPLETED.equals(status) || ExecutionView.FAILED.equals(status);
        return ended && !"pending".equals(deliveryStatus) && !"retrying".equals(deliveryStatus);
    }

    /** What a client watching the job cares about changing. */
    public String state() {
        return status + "|" + progress + "|" + deliveryStatus;
    }
}
