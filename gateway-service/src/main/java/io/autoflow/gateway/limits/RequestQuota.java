package io.autoflow.gateway.limits;

import io.autoflow.gateway.config.TierLimits;
import io.autoflow.gateway.rest.ApiError;
import io.autoflow.gateway.rest.ApiException;
import io.autoflow.gateway.rest.ErrorCode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A user's requests per day by their tier ({@code autoflow.tiers.<tier>.requests-per-day}), counted in Redis by
 * {@link RateLimiter}: what every authenticated request spends ({@link RateLimitFilter}) and what a webhook spends of
 * its workflow's owner's. When Redis cannot count, limited users are refused unless
 * {@code autoflow.rate-limit.fail-open} lets them through.
 */
@ApplicationScoped
public class RequestQuota {

    private static final Logger LOG = Logger.getLogger(RequestQuota.class);

    private final TierLimits tiers;
    private final RateLimiter limiter;
    private final boolean failOpen;

    public RequestQuota(TierLimits tiers, RateLimiter limiter,
            @ConfigProperty(name = "autoflow.rate-limit.fail-open", defaultValue = "false") boolean failOpen) {
        this.tiers = tiers;
        this.limiter = limiter;
        this.failOpen = failOpen;
    }

    /**
     * Counts one request of the user.
     *
     * @return what counting said, or null when the tier has no limit or Redis is away and fail-open lets it through
     *     uncounted
     * @throws ApiException (as the Uni's failure) 503 {@code rate_limit_unavailable} when Redis cannot count
     */
    public Uni<RateLimiter.Decision> count(UUID userId, String tier) {
        long limit = tiers.of(tier).requestsPerDay();
        if (limit < 0) {
            return Uni.createFrom().nullItem();
        }
        return limiter.count(userId.toString(), limit).onFailure().recoverWithUni(e -> {
            if (failOpen) {
                LOG.warnf("Request let through uncounted, Redis unavailable: %s", e.getMessage());
                return Uni.createFrom().nullItem();
            }
            LOG.errorf("Request refused, Redis unavailable for rate limiting: %s", e.getMessage());
            return Uni.createFrom().failure(new ApiException(ErrorCode.RATE_LIMIT_UNAVAILABLE,
                    "Requests cannot be counted right now; try again shortly"));
        });
    }

    /** 429 {@code rate_limited}, with {@code Retry-After}: the seconds until the day's count starts again. */
    public static Response.ResponseBuilder refusal(RateLimiter.Decision decision, String message) {
        return Response.fromResponse(ApiError.of(ErrorCode.RATE_LIMITED, message).toResponse())
                .header("Retry-After", secondsUntilReset(decision));
    }

    static long secondsUntilReset(RateLimiter.Decision decision) {
        return Math.max(0, Duration.between(Clock.systemUTC().instant(), decision.reset()).toSeconds());
    }
}
