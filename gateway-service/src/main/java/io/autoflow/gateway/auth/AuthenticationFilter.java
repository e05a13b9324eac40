package io.autoflow.gateway.auth;

import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.domain.User;
import io.autoflow.gateway.rest.ApiError;
import io.autoflow.gateway.rest.ApiException;
import io.autoflow.gateway.rest.ErrorCode;
import io.autoflow.gateway.usage.UsageMeter;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /api} request: by an OIDC bearer token (issuer, audience, expiry and signature checked by
 * quarkus-oidc against the provider's keys) when an identity provider is configured, or by its {@code X-API-Key}.
 * No credential or a bad one is a 401, a valid user without the required role a 403, both JSON with a stable code
 * and recorded in the audit log; health, metrics and OpenAPI under {@code /q} stay open, and so do signed links
 * ({@code /files/{token}}) and workflows' webhooks ({@code /hooks/{token}}), whose secret URL is the credential
 * ({@link WorkflowOwners}).
 */
public class AuthenticationFilter {

    public static final String HEADER = "X-API-Key";
    /** What users of the API key get; roles of token users come from their token. */
    static final Set<String> API_KEY_ROLES = Set.of("user");
    /** An administrator among API-key users ({@link Administrators}) has no token to say so. */
    private static final Set<String> API_KEY_ADMIN_ROLES = Set.of("user", CurrentUser.ADMIN);

    private final ApiKeys apiKeys;
    private final TokenUsers tokenUsers;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final UsageMeter usage;
    private final CurrentIdentityAssociation identity;
    private final boolean oidcEnabled;
    private final Optional<String> requiredRole;

    public AuthenticationFilter(ApiKeys apiKeys, TokenUsers tokenUsers, CurrentUser currentUser, AuditLog audit,
            UsageMeter usage, CurrentIdentityAssociation identity,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean oidcEnabled,
            @ConfigProperty(name = "autoflow.oidc.required-role") Optional<String> requiredRole) {
        this.apiKeys = apiKeys;
        this.tokenUsers = tokenUsers;
        this.currentUser = currentUser;
        this.audit = audit;
        this.usage = usage;
        this.identity = identity;
        this.oidcEnabled = oidcEnabled;
        this.requiredRole = requiredRole.filter(r -> !r.isBlank());
    }

    // Before a route is matched: a request without a valid credential learns that first (401), not that its
    // Content-Type or method does not fit the route.
    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION, nonBlocking = true)
    public Uni<Response> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(path, http);
        }
        String key = request.getHeaderString(HEADER);
        if (key == null || key.isBlank()) {
            return refuse(path, http, ErrorCode.MISSING_CREDENTIALS, Map.of(), "Send a bearer token in Authorization or an"
                    + " API key in the X-API-Key header");
        }
        return apiKeys.authenticate(key.trim()).chain(user -> {
            if (user == null) {
                // The key's first characters say which key was tried, never enough to use it.
                return refuse(path, http, ErrorCode.INVALID_API_KEY, Map.of("key_prefix",
                        key.trim().substring(0, Math.min(6, key.trim().length()))),
                        "The API key is unknown, revoked or expired");
            }
            return apiKeys.touch(key.trim())
                    .chain(() -> signedIn(user, user.admin ? API_KEY_ADMIN_ROLES : API_KEY_ROLES));
        });
    }

    private Uni<Response> bearer(String path, HttpServerRequest http) {
        if (!oidcEnabled) {
            return refuse(path, http, ErrorCode.INVALID_TOKEN, Map.of("reason", "no identity provider configured"),
                    "Bearer tokens are not accepted: no identity provider is configured; use an API key");
        }
        return identity.getDeferredIdentity()
                .onFailure().recoverWithItem((SecurityIdentity) null)
                .chain(signedIn -> {
                    if (signedIn == null || signedIn.isAnonymous()
                            || !(signedIn.getPrincipal() instanceof JsonWebToken token)) {
                        return refuse(path, http, ErrorCode.INVALID_TOKEN, Map.of(), "The bearer token is invalid, expired,"
                                + " not for this API or not signed by the identity provider");
                    }
                    return tokenUsers.signIn(token, http).chain(user -> {
                        if (requiredRole.isPresent() && !signedIn.hasRole(requiredRole.get())) {
                            return audit.record(user.id.toString(), "auth.forbidden", path, http,
                                    Map.of("missing_role", requiredRole.get()))
                                    .replaceWith(ApiError.of(ErrorCode.FORBIDDEN, "Your account lacks the role '"
                                            + requiredRole.get() + "'").toResponse());
                        }
                        return signedIn(user, signedIn.getRoles());
                    }).onFailure(ApiException.class).recoverWithItem(e -> ((ApiException) e).toError().toResponse());
                });
    }

    /** The request goes on as this user, and counts towards their usage. */
    private Uni<Response> signedIn(User user, Set<String> roles) {
        currentUser.set(user, roles);
        return usage.request(user.id).replaceWith((Response) null);
    }

    private Uni<Response> refuse(String path, HttpServerRequest http, ErrorCode code, Map<String, Object> details,
            String message) {
        Map<String, Object> recorded = new java.util.HashMap<>(details);
        recorded.put("reason", code.code());
        return audit.record(null, "auth.failed", path, http, recorded).replaceWith(
                Response.fromResponse(ApiError.of(code, message).toResponse())
                        .header("WWW-Authenticate", "Bearer realm=\"autoflow\", ApiKey header=\"" + HEADER + "\"")
                        .build());
    }
}
