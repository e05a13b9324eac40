package io.autoflow.scheduler.messaging;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.scheduler.store.TaskStore;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Forgets a deleted user: their schedules stop and go, with their runs (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private static final Logger LOG = Logger.getLogger(UserEventConsumer.class);

    private final TaskStore store;
    private final TransientRetry retry;

    public UserEventConsumer(TaskStore store, TransientRetry retry) {
        this.store = store;
        this.retry = retry;
    }

    @Incoming(Topics.USER_EVENTS)
    @Blocking
    public void onUserEvent(UserDeleted event) throws Exception {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        LOG.infof("Forgot %d schedules of a deleted user",
                retry.handleBlocking("Erasure of a user", () -> store.forget(event.userId())));
    }
}
