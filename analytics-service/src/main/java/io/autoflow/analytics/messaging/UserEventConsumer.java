package io.autoflow.analytics.messaging;

import io.autoflow.analytics.service.ErasedUsers;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.messaging.UserErasure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their analysis records, charts and reports go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final ErasedUsers erased;
    private final UserErasure erasure;

    public UserEventConsumer(ErasedUsers erased, UserErasure erasure) {
        this.erased = erased;
        this.erasure = erasure;
    }

    @Incoming(Topics.USER_EVENTS)
    public Uni<Void> onUserEvent(UserDeleted event) {
        return erasure.erase(event, erased::erase);
    }
}
