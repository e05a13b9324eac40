package io.autoflow.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The parts of an API call that may hold secrets (an {@code Authorization} header, a token in the body), stored in
 * the blob store by the gateway and read there by the automation service.
 *
 * @param body JSON to send, or a JSON string sent as it is
 * @param credential the name of one of the user's stored credentials (io.autoflow.events.credentials) that
 *        automation-service applies to the call when it runs, or null; the secret itself is never here
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutomationRequest(Map<String, String> headers, JsonNode body, String credential) {

    /** A call without a stored credential. */
    public AutomationRequest(Map<String, String> headers, JsonNode body) {
        this(headers, body, null);
    }
}
