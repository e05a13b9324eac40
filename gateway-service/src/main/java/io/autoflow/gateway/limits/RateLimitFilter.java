package io.autoflow.gateway.limits;

import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.rest.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Holds each authenticated user to the tier's requests per day ({@link RequestQuota}): past it, 429
 * {@code rate_limited} with {@code Retry-After}; every limited answer carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds). When Redis cannot count, limited users get 503
 * {@code rate_limit_unavailable} unless {@code autoflow.rate-limit.fail-open} lets them through.
 */
public class RateLimitFilter {

    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    private final CurrentUser user;
    private final RequestQuota quota;

    public RateLimitFilter(CurrentUser user, RequestQuota quota) {
        this.user = user;
        this.quota = quota;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 5, nonBlocking = true)
    public Uni<Response> limit(ContainerRequestContext request) {
        if (user.id() == null) {
            return Uni.createFrom().nullItem();
        }
        return quota.count(user.id(), user.tier()).map(decision -> {
            if (decision == null) {
                return null;
            }
            request.setProperty(DECISION, decision);
            if (decision.allowed()) {
                return null;
            }
            return RequestQuota.refusal(decision, "Your " + user.tier() + " tier allows " + decision.limit()
                    + " requests a day; the count starts again at midnight UTC")
                    .header("RateLimit-Limit", decision.limit()).header("RateLimit-Remaining", 0)
                    .header("RateLimit-Reset", RequestQuota.secondsUntilReset(decision)).build();
        }).onFailure(ApiException.class).recoverWithItem(e -> ((ApiException) e).toError().toResponse());
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision
                && !response.getHeaders().containsKey("RateLimit-Limit")) {
            response.getHeaders().add("RateLimit-Limit", decision.limit());
            response.getHeaders().add("RateLimit-Remaining", Math.max(0, decision.remaining()));
            response.getHeaders().add("RateLimit-Reset", RequestQuota.secondsUntilReset(decision));
        }
    }
}
