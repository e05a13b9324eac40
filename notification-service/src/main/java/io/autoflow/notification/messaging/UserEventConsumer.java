package io.autoflow.notification.messaging;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.notification.store.NotificationStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their notifications, delivery records and webhook secret go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final NotificationStore store;

    public UserEventConsumer(NotificationStore store) {
        this.store = store;
    }

    @Incoming(Topics.USER_EVENTS)
    @Blocking
    public void onUserEvent(UserDeleted event) {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        store.forget(event.userId());
    }
}
