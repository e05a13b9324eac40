package io.autoflow.orchestrator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.EventJson;
import io.autoflow.orchestrator.domain.Execution;
import java.time.Instant;

/**
 * A job as clients see it. {@code status} is the public lifecycle: queued, processing, completed or failed;
 * {@code delivery_status} is where its email or webhook stands (requested, retrying, delivered, failed).
 */
public record ExecutionView(String jobId, String workflowType, String status, Integer progress, Instant createdAt,
        Instant startedAt, Instant completedAt, Integer durationMs, JsonNode result, JsonNode error,
        String deliveryStatus, JsonNode delivery, int attempt) {

    static ExecutionView of(Execution e) {
        return new ExecutionView(e.id.toString(), e.workflowType, publicStatus(e), e.progress, e.createdAt, e.startedAt,
                e.completedAt, e.durationMs, parse(e.outputData), parse(e.error), e.deliveryStatus, parse(e.delivery),
                e.attempts);
    }

    /** The lifecycle as clients see it: queued, processing, completed or failed. */
    public static String publicStatus(Execution e) {
        return switch (e.status) {
            case QUEUED -> "queued";
            case STARTED, PROGRESS -> "processing";
            case COMPLETED -> "completed";
            case FAILED -> "failed";
        };
    }

    private static JsonNode parse(String json) {
        return EventJson.read(json, JsonNode.class);
    }
}
