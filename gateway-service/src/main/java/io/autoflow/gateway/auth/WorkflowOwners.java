package io.autoflow.gateway.auth;

import io.autoflow.gateway.domain.User;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A workflow's webhook ({@code POST /hooks/{token}}) carries no credential of a user: its secret URL, and its
 * signature when the workflow asks for one, stand for the workflow's owner, whose run it starts. This makes the
 * request the owner's, as signing in would, with a user's role and never an administrator's: the run is recorded,
 * counted and audited as theirs.
 */
@ApplicationScoped
public class WorkflowOwners {

    private final CurrentUser current;

    public WorkflowOwners(CurrentUser current) {
        this.current = current;
    }

    /**
     * @param userId the owner as the orchestrator knows them
     * @return the owner, now this request's user; null when the gateway has no such user (any more)
     */
    @WithSession
    public Uni<User> actAs(String userId) {
        UUID id;
        try {
            id = UUID.fromString(userId);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().nullItem();
        }
        return User.<User>findById(id).invoke(owner -> {
            if (owner != null) {
                current.set(owner, AuthenticationFilter.API_KEY_ROLES);
            }
        });
    }
}
