package io.autoflow.notification.store;

import java.time.Instant;

/**
 * One recorded delivery attempt.
 *
 * @param status delivered, retrying or failed
 * @param responseCode the SMTP reply code or HTTP status, when the other side answered
 */
public record Attempt(int number, String status, Integer responseCode, String errorCode, String error,
        Instant startedAt, Instant finishedAt) {
}
