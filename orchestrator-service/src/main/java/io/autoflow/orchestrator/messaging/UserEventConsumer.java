package io.autoflow.orchestrator.messaging;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.orchestrator.service.ExecutionService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their job records go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final ExecutionService executions;

    public UserEventConsumer(ExecutionService executions) {
        this.executions = executions;
    }

    @Incoming(Topics.USER_EVENTS)
    public Uni<Void> onUserEvent(UserDeleted event) {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        return executions.forget(event.userId());
    }
}
