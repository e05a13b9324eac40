package io.autoflow.orchestrator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How long a job of each tier may run once started (DESIGN.md: free 60 s, pro 300 s, enterprise unlimited):
 * {@code autoflow.tiers.<tier>.processing-seconds}, negative for no limit. An unknown tier gets the free tier's.
 */
@ConfigMapping(prefix = "autoflow.tiers")
public interface ProcessingLimits {

    @WithParentName
    Map<String, Tier> tiers();

    interface Tier {
        @WithDefault("-1")
        long processingSeconds();
    }

    /** The tier's limit, or empty when it has none. */
    default Optional<Duration> of(String tier) {
        Tier limits = tiers().getOrDefault(tier, tiers().get("free"));
        long seconds = limits == null ? -1 : limits.processingSeconds();
        return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }
}
