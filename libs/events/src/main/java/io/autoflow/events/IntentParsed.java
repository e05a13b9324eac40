package io.autoflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A user's request, understood and validated, ready for the orchestrator. Emitted by the gateway (structured
 * API calls) and the conversation service (natural language).
 *
 * @param executionId the job id the client already holds
 * @param userId the requesting user, as the gateway authenticated them
 * @param tier the user's tier, which bounds processing time
 * @param intent one of {@link Intents}
 * @param parameters the intent's parameters, shaped by the intent (for document analytics: {@link AnalyzeDocument})
 */
public record IntentParsed(String executionId, String userId, String tier, String intent, JsonNode parameters,
        Instant occurredAt) {

    public static final String TYPE = "io.autoflow.intent.parsed.v1";

    /**
     * What the user knows a job by, from its parameters: the analysed or converted document's file name, or the
     * name of a call, a message or a schedule; null when there is none.
     */
    public static String jobName(JsonNode parameters) {
        if (parameters == null) {
            return null;
        }
        return parameters.path("fileName").asText(parameters.path("name").asText(null));
    }
}
