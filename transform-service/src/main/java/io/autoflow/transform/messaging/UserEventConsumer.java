package io.autoflow.transform.messaging;

import io.autoflow.blob.BlobStore;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.messaging.UserErasure;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their converted files go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final BlobStore blobs;
    private final UserErasure erasure;

    public UserEventConsumer(BlobStore blobs, UserErasure erasure) {
        this.blobs = blobs;
        this.erasure = erasure;
    }

    @Incoming(Topics.USER_EVENTS)
    @Blocking
    public void onUserEvent(UserDeleted event) throws Exception {
        erasure.eraseBlocking(event, userId -> blobs.deleteAll("transforms/" + userId + "/"));
    }
}
