package io.autoflow.conversation.dialogue;

import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.messaging.UserErasure;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their open conversations go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final Sessions sessions;
    private final UserErasure erasure;

    public UserEventConsumer(Sessions sessions, UserErasure erasure) {
        this.sessions = sessions;
        this.erasure = erasure;
    }

    @Incoming(Topics.USER_EVENTS)
    @Blocking
    public void onUserEvent(UserDeleted event) throws Exception {
        erasure.eraseBlocking(event, sessions::forget);
    }
}
