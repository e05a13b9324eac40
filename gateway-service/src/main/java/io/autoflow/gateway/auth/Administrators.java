package io.autoflow.gateway.auth;

import io.autoflow.gateway.domain.User;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Makes an API-key user an administrator: their keys then carry the role {@code admin}. Token users are not made
 * here: their roles come from their token, which the identity provider decides.
 */
@ApplicationScoped
public class Administrators {

    @WithTransaction
    public Uni<Void> appoint(UUID userId) {
        return User.update("admin = true where id = ?1", userId).replaceWithVoid();
    }
}
