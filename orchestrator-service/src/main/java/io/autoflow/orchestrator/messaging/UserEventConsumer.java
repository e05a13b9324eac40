package io.autoflow.orchestrator.messaging;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.orchestrator.service.ExecutionService;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their job records go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final ExecutionService executions;
    private final TransientRetry retry;

    public UserEventConsumer(ExecutionService executions, TransientRetry retry) {
        this.executions = executions;
        this.retry = retry;
    }

    @Incoming(Topics.USER_EVENTS)
    public Uni<Void> onUserEvent(UserDeleted event) {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        return retry.handle("Erasure of a user", () -> executions.forget(event.userId()));
    }
}
