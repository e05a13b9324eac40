package io.autoflow.notification.store;

import io.autoflow.events.NotificationRequested;
import java.time.Instant;

/** A hand-over being delivered: the request and where its delivery stands. */
public record Notification(NotificationRequested request, int attempts, Instant createdAt, Instant giveUpAt) {

    public String id() {
        return request.notificationId();
    }
}
