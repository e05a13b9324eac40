package io.autoflow.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A job as the orchestrator knows it, as it tells the gateway (GET /executions). {@code status} is the public
 * lifecycle: queued, processing, completed or failed; {@code delivery_status} is where its email or webhook stands
 * (requested, retrying, delivered, failed); {@code result} is what its worker made, a bounded summary
 * ({@link ResultSummary}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
// Read by other services: a field added by a newer writer must not fail an older reader.
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecutionView(String jobId, String workflowType, String status, Integer progress, Instant createdAt,
        Instant startedAt, Instant completedAt, Integer durationMs, JsonNode result, ErrorInfo error,
        String deliveryStatus, JobDelivery delivery, int attempt) {

    public static final String QUEUED = "queued";
    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
}
