package io.autoflow.events.workflow;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How often a failed step is tried again, with backoff doubling from {@code backoff_seconds}. A failure of our own
 * infrastructure (a broker, a database away) never counts: those are waited out by the services themselves.
 */
@Schema(name = "RetryPolicy")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetryPolicy(
        @Schema(description = "Attempts in all, 1 to 10 (default 1: no retry)", minimum = "1", maximum = "10")
        Integer maxAttempts,
        @Schema(description = "Wait before the second attempt, 1 to 3600 s (default 30), doubled each time",
                minimum = "1", maximum = "3600") Integer backoffSeconds) {

    public static final RetryPolicy NONE = new RetryPolicy(1, 30);

    public int attempts() {
        return maxAttempts == null ? 1 : maxAttempts;
    }

    public int backoff() {
        return backoffSeconds == null ? 30 : backoffSeconds;
    }
}
