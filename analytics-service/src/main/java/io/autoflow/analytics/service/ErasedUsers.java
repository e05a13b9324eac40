package io.autoflow.analytics.service;

import io.autoflow.analytics.domain.AnalyticsJob;
import io.autoflow.analytics.domain.ErasedUser;
import io.autoflow.blob.BlobStore;
import io.autoflow.service.VertxContexts;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Erasure of a user's analyses (GDPR): their records, charts and reports go, and the user is remembered by id so
 * that a job of theirs still running at that moment throws its output away when it ends.
 */
@ApplicationScoped
public class ErasedUsers {

    private static final Logger LOG = Logger.getLogger(ErasedUsers.class);

    private final BlobStore blobs;

    public ErasedUsers(BlobStore blobs) {
        this.blobs = blobs;
    }

    @WithTransaction
    public Uni<Void> erase(String userId) {
        return ErasedUser.<ErasedUser>findById(userId).chain(known -> {
            if (known != null) {
                return Uni.createFrom().voidItem();
            }
            ErasedUser erased = new ErasedUser();
            erased.userId = userId;
            erased.erasedAt = Instant.now();
            return erased.persist().replaceWithVoid();
        }).chain(() -> AnalyticsJob.delete("userId", userId))
                .chain(() -> VertxContexts.blocking(() -> blobs.deleteAll("reports/" + userId + "/")))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<Boolean> isErased(String userId) {
        return ErasedUser.findById(userId).map(erased -> erased != null);
    }

    /** Removes what a job of an erased user left: its record, the document it fetched, its charts and report. */
    @WithTransaction
    public Uni<Void> discard(String userId, String executionId) {
        LOG.infof("Job %s ended after its user was erased: its output is thrown away", executionId);
        return AnalyticsJob.delete("executionId", UUID.fromString(executionId))
                .chain(() -> VertxContexts.blocking(() -> {
                    blobs.deleteAll("uploads/" + userId + "/" + executionId + "/");
                    return blobs.deleteAll("reports/" + userId + "/" + executionId + "/");
                }))
                .replaceWithVoid();
    }
}
