package io.autoflow.automation.service;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/** How the users' APIs are called ({@code autoflow.automation.*}). */
@ConfigMapping(prefix = "autoflow.automation")
public interface AutomationConfig {

    /** Time for one attempt, from connecting to the last byte of the answer. */
    Duration timeout();

    /** Attempts in all when an answer is worth another try (429, 503, a timeout of a call that changes nothing). */
    int attempts();

    /**
     * All attempts and the waits between them end within this time, shorter than the smallest tier's processing
     * time: a call that keeps failing fails with its own reason, not the platform's processing timeout.
     */
    Duration totalTime();

    /** The wait before the second attempt; each later wait doubles. */
    Duration firstRetry();

    /** An answer larger than this fails the job with {@code response_too_large}. */
    long maxResponseBytes();
}
