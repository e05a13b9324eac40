package io.autoflow.conversation.llm;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the language model reads a message as: one intent and the parameters it states. Every field is optional and
 * checked before use; anything else the model adds (a user id, say) is ignored, so nothing here can name a user.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoutedRequest(String intent, String file, List<String> analyses, String format, String delivery,
        String email, @JsonProperty("webhook_url") @JsonAlias("webhookUrl") String webhookUrl, String cron,
        @JsonProperty("time_zone") @JsonAlias("timeZone") String timeZone, String url, String method,
        @JsonProperty("target_format") @JsonAlias("targetFormat") String targetFormat, String message) {
}
