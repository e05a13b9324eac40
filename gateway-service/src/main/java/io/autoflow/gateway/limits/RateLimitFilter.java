package io.autoflow.gateway.limits;

import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.config.TierLimits;
import io.autoflow.gateway.rest.ApiError;
import io.autoflow.gateway.rest.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Holds each authenticated user to the tier's requests per day (DESIGN.md): past it, 429 {@code rate_limited} with
 * {@code Retry-After}; every limited answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining} and
 * {@code RateLimit-Reset} (seconds). When Redis cannot count, limited users get 503 {@code rate_limit_unavailable}
 * unless {@code autoflow.rate-limit.fail-open} lets them through.
 */
public class RateLimitFilter {

    private static final Logger LOG = Logger.getLogger(RateLimitFilter.class);
    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    private final CurrentUser user;
    private final TierLimits tiers;
    private final RateLimiter limiter;
    private final boolean failOpen;

    public RateLimitFilter(CurrentUser user, TierLimits tiers, RateLimiter limiter,
            @ConfigProperty(name = "autoflow.rate-limit.fail-open", defaultValue = "false") boolean failOpen) {
        this.user = user;
        this.tiers = tiers;
        this.limiter = limiter;
        this.failOpen = failOpen;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 5, nonBlocking = true)
    public Uni<Response> limit(ContainerRequestContext request) {
        if (user.id() == null) {
            return Uni.createFrom().nullItem();
        }
        long limit = tiers.of(user.tier()).requestsPerDay();
        if (limit < 0) {
            return Uni.createFrom().nullItem();
        }
        return limiter.count(user.id().toString(), limit).map(decision -> {
            request.setProperty(DECISION, decision);
            if (decision.allowed()) {
                return null;
            }
            return withHeaders(Response.fromResponse(ApiError.of(ErrorCode.RATE_LIMITED, "Your " + user.tier()
                    + " tier allows " + limit + " requests a day; the count starts again at midnight UTC")
                    .toResponse()), decision).header("Retry-After", secondsUntil(decision)).build();
        }).onFailure().recoverWithItem(e -> {
            if (failOpen) {
                LOG.warnf("Request let through uncounted, Redis unavailable: %s", e.getMessage());
                return null;
            }
            LOG.errorf("Request refused, Redis unavailable for rate limiting: %s", e.getMessage());
            return ApiError.of(ErrorCode.RATE_LIMIT_UNAVAILABLE,
                    "Requests cannot be counted right now; try again shortly").toResponse();
        });
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimiter.Decision decision
                && !response.getHeaders().containsKey("RateLimit-Limit")) {
            response.getHeaders().add("RateLimit-Limit", decision.limit());
            response.getHeaders().add("RateLimit-Remaining", Math.max(0, decision.remaining()));
            response.getHeaders().add("RateLimit-Reset", secondsUntil(decision));
        }
    }

    private static Response.ResponseBuilder withHeaders(Response.ResponseBuilder response,
            RateLimiter.Decision decision) {
        return response.header("RateLimit-Limit", decision.limit()).header("RateLimit-Remaining", 0)
                .header("RateLimit-Reset", secondsUntil(decision));
    }

    private static long secondsUntil(RateLimiter.Decision decision) {
        return Math.max(0, Duration.between(Clock.systemUTC().instant(), decision.reset()).toSeconds());
    }
}
