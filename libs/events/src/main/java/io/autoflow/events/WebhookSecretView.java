package io.autoflow.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's webhook signing secret as notification-service tells it and the gateway shows it. */
@Schema(name = "WebhookSecret", requiredProperties = "created_at")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
// Read by other services: a field added by a newer writer must not fail an older reader.
@JsonIgnoreProperties(ignoreUnknown = true)
public record WebhookSecretView(
        @Schema(description = "whsec_…: shown once, when made; keep it to check signatures") String secret,
        Instant createdAt,
        @Schema(description = "Until when the secret it replaced still signs too, so receivers can switch")
        Instant previousValidUntil) {
}
