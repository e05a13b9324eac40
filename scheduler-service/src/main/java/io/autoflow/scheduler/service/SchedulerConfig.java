package io.autoflow.scheduler.service;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Map;

/** Limits of schedules ({@code autoflow.scheduler.*}). */
@ConfigMapping(prefix = "autoflow.scheduler")
public interface SchedulerConfig {

    /** How often due schedules are looked for. */
    Duration pollEvery();

    /** Schedules a user may have active at once, by tier; -1 for no limit. An unknown tier gets the free one's. */
    Map<String, Integer> maxActive();

    default int maxActiveOf(String tier) {
        return maxActive().getOrDefault(tier, maxActive().get("free"));
    }
}
