package io.autoflow.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Hands a user's message to conversation-service, which understands it and keeps the dialogue. */
@ApplicationScoped
public class ConversationClient {

    private final ConversationApi api;

    public ConversationClient(@RestClient ConversationApi api) {
        this.api = api;
    }

    /**
     * One turn; the user id is the authenticated caller's, never anything the message says.
     *
     * @param attachment the reference of a document attached to the message, or null
     * @param timeZone the user's time zone, for schedules that name none, or null (UTC)
     */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Uni<JsonNode> message(String userId, String sessionId, String message, String attachment,
            String timeZone) {
        Map<String, String> body = new HashMap<>(Map.of("user_id", userId, "message", message));
        if (sessionId != null && !sessionId.isBlank()) {
            body.put("session_id", sessionId);
        }
        if (attachment != null) {
            body.put("attachment", attachment);
        }
        if (timeZone != null) {
            body.put("time_zone", timeZone);
        }
        return api.message(body);
    }
}
