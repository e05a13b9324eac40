package io.autoflow.notification.messaging;

import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.notification.store.NotificationStore;
import io.autoflow.service.messaging.UserErasure;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their notifications, delivery records and webhook secret go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final NotificationStore store;
    private final UserErasure erasure;

    public UserEventConsumer(NotificationStore store, UserErasure erasure) {
        this.store = store;
        this.erasure = erasure;
    }

    @Incoming(Topics.USER_EVENTS)
    @Blocking
    public void onUserEvent(UserDeleted event) throws Exception {
        erasure.eraseBlocking(event, store::forget);
    }
}
