package io.autoflow.transform.messaging;

import io.autoflow.blob.BlobStore;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their converted files go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final BlobStore blobs;

    public UserEventConsumer(BlobStore blobs) {
        this.blobs = blobs;
    }

    @Incoming(Topics.USER_EVENTS)
    @Blocking
    public void onUserEvent(UserDeleted event) throws IOException {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        blobs.deleteAll("transforms/" + event.userId() + "/");
    }
}
