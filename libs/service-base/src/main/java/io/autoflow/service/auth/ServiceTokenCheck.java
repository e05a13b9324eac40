package io.autoflow.service.auth;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses every request to an internal service that does not carry a valid service token, before any route sees
 * it: the user id such a request names grants nothing unless the caller is a platform service. Health, metrics and
 * the OpenAPI document under {@code /q/} stay open for probes and scrapers. Switched off in the gateway
 * ({@code autoflow.service-auth.enabled=false}), whose public routes authenticate users themselves.
 */
@ApplicationScoped
public class ServiceTokenCheck {

    /** Quarkus' own endpoints (health, metrics, OpenAPI); nothing else is served there. */
    static final String OPEN_PREFIX = "/q/";

    private final ServiceAuthConfig config;
    private final ServiceTokens tokens;

    public ServiceTokenCheck(ServiceAuthConfig config, ServiceTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    void register(@Observes Filters filters) {
        // Read the tokens even where the check is off, so a missing or weak token stops any service at start.
        tokens.callerToken();
        if (config.enabled()) {
            filters.register(this::check, SecurityHandlerPriorities.AUTHENTICATION);
        }
    }

    /** Decides on the normalized path, the one routes are matched on, so {@code /q/../x} is {@code /x}. */
    static boolean isOpen(String normalizedPath) {
        return normalizedPath.startsWith(OPEN_PREFIX);
    }

    private void check(RoutingContext context) {
        if (isOpen(context.normalizedPath())) {
            context.next();
            return;
        }
        String presented = context.request().getHeader(ServiceTokens.HEADER);
        if (presented == null || presented.isEmpty()) {
            refuse(context, "service_credentials_required",
                    "This is an internal Autoflow service: send the service token in " + ServiceTokens.HEADER);
        } else if (!tokens.accepts(presented)) {
            refuse(context, "invalid_service_credentials", "The service token is not valid");
        } else {
            context.next();
        }
    }

    /** The platform's error shape, as the gateway's API answers it. */
    private static void refuse(RoutingContext context, String code, String message) {
        String body = new JsonObject().put("status", 401).put("code", code).put("message", message)
                .put("details", new JsonObject().put("header", ServiceTokens.HEADER)).encode();
        context.response().setStatusCode(401)
                .putHeader("Content-Type", "application/json")
                .putHeader("WWW-Authenticate", "AutoflowService header=\"" + ServiceTokens.HEADER + "\"")
                .end(body);
    }
}
