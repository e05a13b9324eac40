package io.autoflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The parts of an API call that may hold secrets (an {@code Authorization} header, a token in the body), stored in
 * the blob store by the gateway and read there by the automation service.
 *
 * @param body JSON to send, or a JSON string sent as it is
 */
public record AutomationRequest(Map<String, String> headers, JsonNode body) {
}
