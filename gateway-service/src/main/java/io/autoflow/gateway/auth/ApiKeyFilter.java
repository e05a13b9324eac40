package io.autoflow.gateway.auth;

import io.autoflow.gateway.rest.ApiError;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import io.smallrye.mutiny.Uni;

/**
 * Authenticates every {@code /api} request by its {@code X-API-Key} header. A missing or unknown key is a 401 with a
 * JSON error, never a 500; health, metrics and OpenAPI under {@code /q} stay open.
 */
public class ApiKeyFilter {

    public static final String HEADER = "X-API-Key";

    private final ApiKeys apiKeys;
    private final CurrentUser currentUser;

    public ApiKeyFilter(ApiKeys apiKeys, CurrentUser currentUser) {
        this.apiKeys = apiKeys;
        this.currentUser = currentUser;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        String key = request.getHeaderString(HEADER);
        if (key == null || key.isBlank()) {
            return Uni.createFrom().item(unauthorized("missing_api_key", "Send your API key in the X-API-Key header"));
        }
        return apiKeys.authenticate(key.trim()).map(user -> {
            if (user == null) {
                return unauthorized("invalid_api_key", "The API key is unknown, revoked or expired");
            }
            currentUser.set(user);
            return null;
        });
    }

    private static Response unauthorized(String code, String message) {
        return Response.fromResponse(ApiError.of(401, code, message).toResponse())
                .header("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"").build();
    }
}
