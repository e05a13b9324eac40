package io.autoflow.events;

import java.time.Instant;

/** Outcome of one delivery attempt, reported back to the orchestrator. */
public record DeliveryEvent(String notificationId, String executionId, String channel, String target, Status status,
        int attempt, ErrorInfo error, Instant occurredAt) {

    public static final String TYPE = "io.autoflow.delivery.v1";

    public enum Status {
        DELIVERED, RETRYING, FAILED
    }
}
