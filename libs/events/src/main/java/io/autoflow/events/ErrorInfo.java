package io.autoflow.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Why something failed: a stable lower-snake-case {@code code} clients can rely on, a human {@code message}
 * and optional structured {@code details}.
 */
public record ErrorInfo(String code, String message, JsonNode details) {

    public static ErrorInfo of(String code, String message) {
        return new ErrorInfo(code, message, null);
    }
}
