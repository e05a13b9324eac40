package io.autoflow.analytics.messaging;

import io.autoflow.analytics.service.ErasedUsers;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their analysis records, charts and reports go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final ErasedUsers erased;
    private final TransientRetry retry;

    public UserEventConsumer(ErasedUsers erased, TransientRetry retry) {
        this.erased = erased;
        this.retry = retry;
    }

    @Incoming(Topics.USER_EVENTS)
    public Uni<Void> onUserEvent(UserDeleted event) {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        return retry.handle("Erasure of a user", () -> erased.erase(event.userId()));
    }
}
