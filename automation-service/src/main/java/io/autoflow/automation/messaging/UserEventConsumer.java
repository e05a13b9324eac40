package io.autoflow.automation.messaging;

import io.autoflow.automation.service.AutomationRuns;
import io.autoflow.automation.service.Credentials;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.messaging.UserErasure;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their runs, requests, stored answers and stored credentials go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final AutomationRuns runs;
    private final Credentials credentials;
    private final UserErasure erasure;

    public UserEventConsumer(AutomationRuns runs, Credentials credentials, UserErasure erasure) {
        this.runs = runs;
        this.credentials = credentials;
        this.erasure = erasure;
    }

    @Incoming(Topics.USER_EVENTS)
    public Uni<Void> onUserEvent(UserDeleted event) {
        return erasure.erase(event, userId -> credentials.forget(userId).chain(() -> runs.forget(userId)));
    }
}
