package io.autoflow.conversation.dialogue;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their open conversations go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final Sessions sessions;
    private final TransientRetry retry;

    public UserEventConsumer(Sessions sessions, TransientRetry retry) {
        this.sessions = sessions;
        this.retry = retry;
    }

    @Incoming(Topics.USER_EVENTS)
    @Blocking
    public void onUserEvent(UserDeleted event) throws Exception {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        retry.handleBlocking("Erasure of a user", () -> {
            sessions.forget(event.userId());
            return null;
        });
    }
}
