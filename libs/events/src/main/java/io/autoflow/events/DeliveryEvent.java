package io.autoflow.events;

import java.time.Instant;

/**
 * Outcome of one delivery attempt, reported back to the orchestrator.
 *
 * @param responseCode the SMTP reply or HTTP status of the attempt, when there was one
 * @param nextAttemptAt when the next attempt is due, for {@link Status#RETRYING}
 */
public record DeliveryEvent(String notificationId, String executionId, String channel, String target, Status status,
        int attempt, Integer responseCode, ErrorInfo error, Instant nextAttemptAt, Instant occurredAt) {

    public static final String TYPE = "io.autoflow.delivery.v1";

    public enum Status {
        DELIVERED, RETRYING, FAILED;

        public boolean isTerminal() {
            return this != RETRYING;
        }
    }
}
