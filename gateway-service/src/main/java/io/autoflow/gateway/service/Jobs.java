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

    @WithSession
    public Uni<List<Job>> newestFirst(UUID userId, int limit) {
        return Job.<Job>find("userId = ?1 order by createdAt desc", userId).page(0, limit).list();
    }
}
