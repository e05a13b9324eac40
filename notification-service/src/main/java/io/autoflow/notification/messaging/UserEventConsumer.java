package io.autoflow.notification.messaging;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.notification.store.NotificationStore;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their notifications, delivery records and webhook secret go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final NotificationStore store;
    private final TransientRetry retry;

    public UserEventConsumer(NotificationStore store, TransientRetry retry) {
        this.store = store;
        this.retry = retry;
    }

    @Incoming(Topics.USER_EVENTS)
    @Blocking
    public void onUserEvent(UserDeleted event) throws Exception {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        retry.handleBlocking("Erasure of a user", () -> {
            store.forget(event.userId());
            return null;
        });
    }
}
