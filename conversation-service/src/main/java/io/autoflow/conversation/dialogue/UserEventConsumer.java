package io.autoflow.conversation.dialogue;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their open conversations go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final Sessions sessions;

    public UserEventConsumer(Sessions sessions) {
        this.sessions = sessions;
    }

    @Incoming(Topics.USER_EVENTS)
    @Blocking
    public void onUserEvent(UserDeleted event) {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        sessions.forget(event.userId());
    }
}
