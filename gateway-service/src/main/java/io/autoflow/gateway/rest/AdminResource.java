package io.autoflow.gateway.rest;

import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.domain.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * For administrators (the role {@code admin}: a token's, or an appointed API-key user's): {@code GET /api/admin/users?email=} finds a user,
 * {@code PUT /api/admin/users/{id}/tier} changes their tier.
 */
@Tag(name = "Administration",
        description = "For the role admin: users' tiers, and the dead-letter topics, read and replayed.")
@Path("/api/admin/users")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private static final Set<String> TIERS = Set.of("free", "pro", "enterprise");

    private final CurrentUser caller;
    private final AuditLog audit;
    private final ApiKeys apiKeys;

    public AdminResource(CurrentUser caller, AuditLog audit, ApiKeys apiKeys) {
        this.caller = caller;
        this.audit = audit;
        this.apiKeys = apiKeys;
    }

    public record TierChange(String tier) {
    }

    public record UserTier(String id, String email, String tier) {
    }

    /** The user with this email address (any case), to change their tier. */
    @Operation(operationId = "findUser", summary = "Find a user by email (administrators)",
            description = "The user with this email address, in any case: id, email and tier. For the role admin "
                    + "only.")
    @APIResponse(responseCode = "200", description = "The user and their tier")
    @APIResponse(responseCode = "404", description = "user_not_found: no user has this email")
    @GET
    @WithSession
    public Uni<UserTier> find(@RestQuery String email) {
        caller.requireAdmin("Finding users");
        if (email == null || email.isBlank()) {
            throw new ApiException(ErrorCode.MISSING_EMAIL, "Give the user's address: ?email=");
        }
        ControlCharacters.refuseInName("email", email);
        return User.<User>find("email", email.trim().toLowerCase(Locale.ROOT)).firstResult()
                .map(user -> {
                    if (user == null) {
                        throw notFound();
                    }
                    return new UserTier(user.id.toString(), user.email, user.tier);
                });
    }

    @Operation(operationId = "setUserTier", summary = "Change a user's tier (administrators)",
            description = "Sets a user's tier (free, pro or enterprise), which bounds their requests per day and "
                    + "document size. For the role admin only; audited.")
    @APIResponse(responseCode = "200", description = "The user in their new tier")
    @APIResponse(responseCode = "422", description = "invalid_tier: not free, pro or enterprise")
    @PUT
    @Path("/{id}/tier")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<UserTier> changeTier(@RestPath String id, TierChange change, @Context HttpServerRequest http) {
        caller.requireAdmin("Changing a user's tier");
        if (change == null || change.tier() == null || !TIERS.contains(change.tier())) {
            throw new ApiException(ErrorCode.INVALID_TIER, "tier must be free, pro or enterprise");
        }
        UUID userId;
        try {
            userId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        return Panache.withTransaction(() -> User.<User>findById(userId).chain(user -> {
            if (user == null) {
                throw notFound();
            }
            String previous = user.tier;
            user.tier = change.tier(); // written when the transaction ends
            return audit.record(caller.id().toString(), "user.tier_changed", id, http,
                    Map.of("from", previous, "to", change.tier()))
                    .replaceWith(new UserTier(user.id.toString(), user.email, user.tier));
        })).call(apiKeys::ownersChanged); // once committed: the user's next request is in the new tier
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.USER_NOT_FOUND, "No such user");
    }
}
