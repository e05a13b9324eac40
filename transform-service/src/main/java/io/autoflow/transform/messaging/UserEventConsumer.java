package io.autoflow.transform.messaging;

import io.autoflow.blob.BlobStore;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their converted files go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final BlobStore blobs;
    private final TransientRetry retry;

    public UserEventConsumer(BlobStore blobs, TransientRetry retry) {
        this.blobs = blobs;
        this.retry = retry;
    }

    @Incoming(Topics.USER_EVENTS)
    @Blocking
    public void onUserEvent(UserDeleted event) throws Exception {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        retry.handleBlocking("Erasure of a user", () -> {
            blobs.deleteAll("transforms/" + event.userId() + "/");
            return null;
        });
    }
}
