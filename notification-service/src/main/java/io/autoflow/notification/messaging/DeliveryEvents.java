package io.autoflow.notification.messaging;

import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.EventMessages;
import io.autoflow.events.NotificationRequested;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Tells the orchestrator how each attempt went, and parks a notification that failed for good on the DLQ. */
@ApplicationScoped
public class DeliveryEvents {

    private final Emitter<DeliveryEvent> events;
    private final Emitter<NotificationRequested> failed;

    public DeliveryEvents(@Channel("delivery-events") Emitter<DeliveryEvent> events,
            @Channel("failed-notifications") Emitter<NotificationRequested> failed) {
        this.events = events;
        this.failed = failed;
    }

    public void publish(DeliveryEvent event) {
        events.send(EventMessages.forExecution(event.executionId(), DeliveryEvent.TYPE, event));
    }

    public void deadLetter(NotificationRequested request) {
        failed.send(EventMessages.forExecution(request.executionId(), NotificationRequested.TYPE, request));
    }
}
