package io.autoflow.scheduler.messaging;

import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.scheduler.store.TaskStore;
import io.autoflow.service.messaging.UserErasure;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Forgets a deleted user: their schedules stop and go, with their runs (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private static final Logger LOG = Logger.getLogger(UserEventConsumer.class);

    private final TaskStore store;
    private final UserErasure erasure;

    public UserEventConsumer(TaskStore store, UserErasure erasure) {
        this.store = store;
        this.erasure = erasure;
    }

    @Incoming(Topics.USER_EVENTS)
    @Blocking
    public void onUserEvent(UserDeleted event) throws Exception {
        erasure.eraseBlocking(event,
                userId -> LOG.infof("Forgot %d schedules of a deleted user", store.forget(userId)));
    }
}
