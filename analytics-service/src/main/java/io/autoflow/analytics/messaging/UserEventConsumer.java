package io.autoflow.analytics.messaging;

import io.autoflow.analytics.domain.AnalyticsJob;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.VertxContexts;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Forgets a deleted user: their analysis records, charts and reports go (GDPR erasure). */
@ApplicationScoped
public class UserEventConsumer {

    private final BlobStore blobs;

    public UserEventConsumer(BlobStore blobs) {
        this.blobs = blobs;
    }

    @Incoming(Topics.USER_EVENTS)
    @WithTransaction
    public Uni<Void> onUserEvent(UserDeleted event) {
        if (event == null || event.userId() == null) {
            throw new MalformedEventException(Topics.USER_EVENTS);
        }
        return AnalyticsJob.delete("userId", event.userId())
                .chain(() -> VertxContexts.blocking(() -> blobs.deleteAll("reports/" + event.userId() + "/")))
                .replaceWithVoid();
    }
}
