package io.autoflow.service.work;

import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;

/**
 * How long a job of each tier may run once started ({@code autoflow.tiers.<tier>.processing-seconds}; the README's
 * "Processing time": free 60 s, pro 300 s, enterprise a configurable ceiling): the orchestrator fails a job past it,
 * and each worker stops its own work there. An unknown tier gets the free tier's time.
 */
@ApplicationScoped
public class TierProcessingTimes {

    private final Config config;
    /** Read once per tier: every job asks, and the configuration does not change while the service runs. */
    private final Map<String, Duration> byTier = new ConcurrentHashMap<>();

    public TierProcessingTimes(Config config) {
        this.config = config;
    }

    public Duration of(String tier) {
        return byTier.computeIfAbsent(String.valueOf(tier), this::read);
    }

    private Duration read(String tier) {
        long seconds = config.getOptionalValue("autoflow.tiers." + tier + ".processing-seconds", Long.class)
                .or(() -> config.getOptionalValue("autoflow.tiers.free.processing-seconds", Long.class))
                .orElseThrow(() -> new IllegalStateException("No processing time configured for tier " + tier));
        if (seconds <= 0) {
            throw new IllegalStateException("The processing time of tier " + tier + " must be positive: every job"
                    + " ends (set a ceiling for a tier without a limit)");
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * What is left of a job's time for its work once a step before it (fetching its document) took part of it; a
     * fetch that took it all leaves the work a moment, not nothing.
     */
    public static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
    }

    /** Why a job of the tier failed when it passed its processing time: {@code processing_timeout}. */
    public static ErrorInfo timeoutError(String tier, Duration limit) {
        return new ErrorInfo("processing_timeout", "The job ran longer than the " + limit.toSeconds() + " s your "
                + tier + " tier allows", EventJson.mapper().createObjectNode().put("limit_seconds",
                        limit.toSeconds()));
    }
}
