package io.autoflow.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What each tier may do (README: requests per day, file size, processing time), configurable per deployment. */
@ConfigMapping(prefix = "autoflow.tiers")
public interface TierLimits {

    /** Limits by tier name: free, pro, enterprise. */
    @WithParentName
    Map<String, Tier> tiers();

    interface Tier {
        /** {@code autoflow.tiers.<tier>.max-file-bytes}: the largest document a user of the tier may upload. */
        @WithName("max-file-bytes")
        long maxFileBytes();

        /** {@code autoflow.tiers.<tier>.requests-per-day}: API requests a user may make per UTC day; -1 for no limit. */
        @WithName("requests-per-day")
        @WithDefault("-1")
        long requestsPerDay();

        /**
         * {@code autoflow.tiers.<tier>.processing-seconds}: how long a job may run once started (shared with the
         * orchestrator and the workers, which enforce it; libs/service-base).
         */
        @WithName("processing-seconds")
        long processingSeconds();

        /**
         * {@code autoflow.tiers.<tier>.schedule-min-interval}: the shortest time between two runs of a schedule (read
         * by ScheduleRules in libs/service-base, for the gateway and the scheduler alike).
         */
        @WithName("schedule-min-interval")
        Optional<Duration> scheduleMinInterval();
    }

    default Tier of(String tier) {
        Tier limits = tiers().get(tier);
        if (limits == null) {
            throw new IllegalStateException("No limits configured for tier " + tier);
        }
        return limits;
    }
}
