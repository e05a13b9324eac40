package io.autoflow.orchestrator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionView;
import io.autoflow.events.JobDelivery;
import io.autoflow.orchestrator.domain.Execution;

/** A stored job as the gateway is told it ({@link ExecutionView}). */
public final class ExecutionViews {

    private ExecutionViews() {
    }

    public static ExecutionView of(Execution e) {
        return new ExecutionView(e.id.toString(), e.workflowType, publicStatus(e), e.progress, e.createdAt,
                e.startedAt, e.completedAt, e.durationMs, EventJson.read(e.outputData, JsonNode.class),
                EventJson.read(e.error, ErrorInfo.class), e.deliveryStatus,
                EventJson.read(e.delivery, JobDelivery.class), e.attempts);
    }

    /** The lifecycle as clients see it: queued, processing, completed or failed. */
    public static String publicStatus(Execution e) {
        return switch (e.status) {
            case QUEUED -> ExecutionView.QUEUED;
            case STARTED, PROGRESS -> ExecutionView.PROCESSING;
            case COMPLETED -> ExecutionView.COMPLETED;
            case FAILED -> ExecutionView.FAILED;
        };
    }
}
