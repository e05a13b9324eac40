package io.autoflow.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a job's email or webhook stands, after its last attempt (the orchestrator keeps it with the job). */
@Schema(requiredProperties = {"channel", "target", "attempts", "updated_at"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
// Read by other services: a field added by a newer writer must not fail an older reader.
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobDelivery(
        @Schema(enumeration = {"email", "webhook"}) String channel,
        @Schema(description = "The address or URL") String target,
        int attempts,
        Instant updatedAt,
        @Schema(description = "When the next attempt is due, while retrying") Instant nextAttemptAt,
        @Schema(description = "Why the last attempt failed") ErrorInfo error) {
}
