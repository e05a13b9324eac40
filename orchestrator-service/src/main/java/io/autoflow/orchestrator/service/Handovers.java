package io.autoflow.orchestrator.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.NotificationRequested;
import io.autoflow.orchestrator.domain.Execution;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether and how a finished job goes to its user: the delivery its request asked for ({@code output.delivery}
 * email or webhook, with the address or URL); download needs no hand-over.
 */
public final class Handovers {

    public static final String REQUESTED = "requested";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    private Handovers() {
    }

    /** The request to send for a finished job, or empty when its result is only downloaded. */
    public static Optional<NotificationRequested> of(Execution execution) {
        JsonNode input = EventJson.read(execution.inputData, JsonNode.class);
        if (input == null || !execution.status.isTerminal()) {
            return Optional.empty();
        }
        JsonNode output = input.path("output");
        String channel = output.path("delivery").asText("download");
        String target = switch (channel) {
            case NotificationRequested.EMAIL -> output.path("email").asText(null);
            case NotificationRequested.WEBHOOK -> output.path("webhookUrl").asText(null);
            default -> null;
        };
        if (target == null) {
            return Optional.empty();
        }
        String id = execution.id.toString();
        return Optional.of(new NotificationRequested(NotificationRequested.idFor(id, channel), id, execution.userId,
                channel, target, execution.workflowType, IntentParsed.jobName(input), execution.status,
                EventJson.read(execution.outputData, JsonNode.class), EventJson.read(execution.error, ErrorInfo.class),
                Instant.now()));
    }

    public static boolean isFinal(String deliveryStatus) {
        return DELIVERED.equals(deliveryStatus) || FAILED.equals(deliveryStatus);
    }
}
