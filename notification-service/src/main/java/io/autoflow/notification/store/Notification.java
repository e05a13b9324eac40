package io.autoflow.notification.store;

import io.autoflow.events.NotificationRequested;
import java.time.Instant;

/**
 * A hand-over being delivered: the request and where its delivery stands.
 *
 * @param traceParent the W3C traceparent of the record that asked for it, or null: its attempts continue that trace
 */
public record Notification(NotificationRequested request, int attempts, Instant createdAt, Instant giveUpAt,
        String traceParent) {

    public String id() {
        return request.notificationId();
    }
}
