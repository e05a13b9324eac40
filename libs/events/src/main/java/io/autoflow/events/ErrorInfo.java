package io.autoflow.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Why something failed: a stable lower-snake-case {@code code} clients can rely on, a human {@code message}
 * and optional structured {@code details}.
 */
@Schema(requiredProperties = {"code", "message"})
// Read by other services: a field added by a newer writer must not fail an older reader.
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorInfo(String code, String message,
        @Schema(implementation = Map.class, description = "Facts about the failure, by code") JsonNode details) {

    public static ErrorInfo of(String code, String message) {
        return new ErrorInfo(code, message, null);
    }
}
