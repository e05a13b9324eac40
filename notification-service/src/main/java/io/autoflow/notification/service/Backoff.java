package io.autoflow.notification.service;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": the wait before attempt n+1 is half of {@code first × 2^(n-1)} (capped)
 * plus a random part of the other half, so retries of many failed deliveries spread out instead of arriving at a
 * recovering server together, and no wait is shorter than half its step.
 */
public final class Backoff {

    private Backoff() {
    }

    /** @param failedAttempts how many attempts have failed so far (1 after the first) */
    public static Duration after(int failedAttempts, Duration first, Duration max) {
        long step = first.toMillis() << Math.min(failedAttempts - 1, 30);
        long capped = Math.min(step <= 0 ? Long.MAX_VALUE : step, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
