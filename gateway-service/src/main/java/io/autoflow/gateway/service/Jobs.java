package io.autoflow.gateway.service;

import io.autoflow.gateway.domain.Job;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The jobs a user submitted through this gateway. */
@ApplicationScoped
public class Jobs {

    /** The user's job, or {@code null}: another user's job is indistinguishable from a missing one. */
    @WithSession
    public Uni<Job> find(UUID id, UUID userId) {
        return Job.<Job>find("id = ?1 and userId = ?2", id, userId).firstResult();
    }

    /**
     * The job of that id whoever's it is, or {@code null}: for deciding who may see it, never to show it (a job the
     * gateway recorded for another user is not the caller's, whatever else knows of it).
     */
    @WithSession
    public Uni<Job> byId(UUID id) {
        return Job.<Job>findById(id);
    }

    @WithSession
    /**
     * A page of the user's jobs, newest first, those after {@code after} (null: from the newest). Keyset, not offset:
     * jobs created meanwhile come before the first page and never shift the later ones.
     */
    public Uni<List<Job>> newestFirst(UUID userId, int limit, Job after) {
        return (after == null
                ? Job.<Job>find("userId = ?1 order by createdAt desc, id desc", userId)
                : Job.<Job>find("userId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3))"
                        + " order by createdAt desc, id desc", userId, after.createdAt, after.id))
                .page(0, limit).list();
    }

    /** The user's job, or null when there is none of that id (or it is another user's). */
    public Uni<Job> ownedBy(UUID userId, UUID jobId) {
        return Job.<Job>find("id = ?1 and userId = ?2", jobId, userId).firstResult();
    }
}
