package io.autoflow.gateway.auth;

import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.rest.ApiError;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /api} request by its {@code X-API-Key} header. A missing or unknown key is a 401 with a
 * JSON error, never a 500; health, metrics and OpenAPI under {@code /q} stay open.
 */
public class ApiKeyFilter {

    public static final String HEADER = "X-API-Key";

    private final ApiKeys apiKeys;
    private final CurrentUser currentUser;
    private final AuditLog audit;

    public ApiKeyFilter(ApiKeys apiKeys, CurrentUser currentUser, AuditLog audit) {
        this.apiKeys = apiKeys;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        String key = request.getHeaderString(HEADER);
        if (key == null || key.isBlank()) {
            return audit.record(null, "auth.failed", path, http, Map.of("reason", "missing_api_key"))
                    .replaceWith(unauthorized("missing_api_key", "Send your API key in the X-API-Key header"));
        }
        return apiKeys.authenticate(key.trim()).chain(user -> {
            if (user == null) {
                // The key's first characters say which key was tried, never enough to use it.
                return audit.record(null, "auth.failed", path, http, Map.of("reason", "invalid_api_key",
                        "key_prefix", key.trim().substring(0, Math.min(6, key.trim().length()))))
                        .replaceWith(unauthorized("invalid_api_key", "The API key is unknown, revoked or expired"));
            }
            currentUser.set(user);
            return apiKeys.touch(key.trim()).replaceWith((Response) null);
        });
    }

    private static Response unauthorized(String code, String message) {
        return Response.fromResponse(ApiError.of(401, code, message).toResponse())
                .header("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"").build();
    }
}
