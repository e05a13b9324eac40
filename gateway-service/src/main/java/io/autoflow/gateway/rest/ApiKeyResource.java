package io.autoflow.gateway.rest;

import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.domain.ApiKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The caller's API keys: {@code POST /api/me/api-keys} makes one and shows it this once; {@code GET} lists those that
 * still work, by prefix and name; {@code DELETE /api/me/api-keys/{id}} revokes one. Another user's key is a 404.
 */
@Tag(name = "API keys",
        description = "The caller's API keys for the X-API-Key header: made (shown once), listed and revoked.")
@Path("/api/me/api-keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    static final int MAX_ACTIVE_KEYS = 20;
    private static final Comparator<KeyView> NEWEST_FIRST = Comparator.comparing(KeyView::createdAt)
            .thenComparing(KeyView::id).reversed();
    private static final int MAX_NAME = 100;

    private final CurrentUser user;
    private final ApiKeys apiKeys;
    private final AuditLog audit;

    public ApiKeyResource(CurrentUser user, ApiKeys apiKeys, AuditLog audit) {
        this.user = user;
        this.apiKeys = apiKeys;
        this.audit = audit;
    }

    @Schema(name = "ApiKeyRequest")
    public record CreateRequest(
            @Schema(description = "How you recognise it; \"unnamed\" when left out", maxLength = MAX_NAME) String name,
            @Schema(description = "When it stops working; never when left out") Instant expiresAt) {
    }

    /** A key that still works, as its owner recognises it; never the key itself. */
    @Schema(name = "ApiKey", requiredProperties = {"id", "prefix", "name", "created_at"})
    public record KeyView(String id, String prefix, String name, Instant createdAt, Instant lastUsedAt,
            Instant expiresAt) {

        static KeyView of(ApiKey key) {
            return new KeyView(key.id.toString(), key.prefix, key.name, key.createdAt, key.lastUsedAt, key.expiresAt);
        }
    }

    @Schema(name = "CreatedApiKey", requiredProperties = {"id", "key", "prefix", "name", "created_at"})
    public record Created(String id, @Schema(description = "The key: shown this once") String key, String prefix,
            String name, Instant createdAt, Instant expiresAt) {
    }

    /** A page of keys, newest first; {@code has_more}: ask again with {@code starting_after} the last one's id. */
    @Schema(name = "ApiKeyList", requiredProperties = {"api_keys", "has_more"})
    public record KeyList(List<KeyView> apiKeys, boolean hasMore) {
    }

    @Operation(operationId = "createApiKey", summary = "Make an API key; the key is shown this once",
            description = "Makes an API key for the X-API-Key header. The answer is the only time the key is shown: "
                    + "Autoflow keeps its SHA-256 hash only.")
    @APIResponse(responseCode = "201", description = "The key, shown this once",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiKeyResource.Created.class)))
    @APIResponse(responseCode = "422",
            description = "invalid_name, invalid_expiry (not in the future) or too_many_api_keys")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(CreateRequest request, @Context HttpServerRequest http) {
        if (request == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Send a JSON object, e.g. {\"name\": \"ci\"}");
        }
        String name = request.name() == null || request.name().isBlank() ? "unnamed"
                : request.name().trim();
        ControlCharacters.refuseInName("name", name);
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            throw new ApiException(ErrorCode.INVALID_NAME, "A key's name has at most " + MAX_NAME + " characters");
        }
        Instant expiresAt = request.expiresAt();
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new ApiException(ErrorCode.INVALID_EXPIRY, "expires_at must be in the future");
        }
        return apiKeys.active(user.id()).chain(active -> {
            if (active.size() >= MAX_ACTIVE_KEYS) {
                throw new ApiException(ErrorCode.TOO_MANY_API_KEYS, "At most " + MAX_ACTIVE_KEYS
                        + " keys can be active; revoke one first");
            }
            return apiKeys.issue(user.id(), name, expiresAt);
        }).call(issued -> audit.record(user.id().toString(), "api_key.created", issued.record().id.toString(), http,
                Map.of("prefix", issued.record().prefix, "name", name)))
                .map(issued -> Response.status(201).entity(new Created(issued.record().id.toString(), issued.key(),
                        issued.record().prefix, name, issued.record().createdAt, expiresAt)).build());
    }

    @Operation(operationId = "listApiKeys", summary = "The caller's API keys (never the keys themselves)",
            description = "The caller's API keys, newest first, a page at a time (limit, starting_after, has_more): "
                    + "prefix, name, creation, last use and expiry, never the key itself.")
    @GET
    public Uni<KeyList> list(@QueryParam("limit") String limit, @QueryParam("starting_after") String startingAfter) {
        int size = ListPages.limit(limit);
        UUID after = ListPages.startingAfter(startingAfter);
        return apiKeys.active(user.id()).map(keys -> {
            List<KeyView> newestFirst = keys.stream().map(KeyView::of).sorted(NEWEST_FIRST).toList();
            ListPages.Page<KeyView> page = ListPages.page(newestFirst, KeyView::id, size, after, "API keys");
            return new KeyList(page.items(), page.hasMore());
        });
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "Revokes one of the caller's API keys: requests with it are refused from this answer on.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @DELETE
    @Path("/{id}")
    public Uni<Response> revoke(@RestPath String id, @Context HttpServerRequest http) {
        UUID keyId;
        try {
            keyId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        return apiKeys.revoke(user.id(), keyId).chain(revoked -> {
            if (!revoked) {
                throw notFound();
            }
            return audit.record(user.id().toString(), "api_key.revoked", id, http, null);
        }).map(done -> Response.noContent().build());
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.API_KEY_NOT_FOUND, "No such API key");
    }
}
