package io.autoflow.orchestrator.messaging;

import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.orchestrator.service.ExecutionService;
import io.autoflow.orchestrator.workflow.WorkflowService;
import io.autoflow.service.messaging.UserErasure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their job records and workflows go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final ExecutionService executions;
    private final WorkflowService workflows;
    private final UserErasure erasure;

    public UserEventConsumer(ExecutionService executions, WorkflowService workflows, UserErasure erasure) {
        this.executions = executions;
        this.workflows = workflows;
        this.erasure = erasure;
    }

    @Incoming(Topics.USER_EVENTS)
    public Uni<Void> onUserEvent(UserDeleted event) {
        return erasure.erase(event, user -> executions.forget(user).chain(() -> workflows.forget(user)));
    }
}
