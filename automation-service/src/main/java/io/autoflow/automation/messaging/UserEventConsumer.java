package io.autoflow.automation.messaging;

import io.autoflow.automation.service.AutomationRuns;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their runs, requests and stored answers go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final AutomationRuns runs;
    private final TransientRetry retry;

    public UserEventConsumer(AutomationRuns runs, TransientRetry retry) {
        this.runs = runs;
        this.retry = retry;
    }

    @Incoming(Topics.USER_EVENTS)
    public Uni<Void> onUserEvent(UserDeleted event) {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        return retry.handle("Erasure of a user", () -> runs.forget(event.userId()));
    }
}
