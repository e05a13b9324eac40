package io.autoflow.events.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a job did, in a sentence or a paragraph for people.
 *
 * @param source for an analysis: {@code llm} when a language model wrote it from the computed figures, {@code engine}
 *        when it was put together from the insights; absent for the other workflows
 */
@Schema(name = "Narrative", description = "What the job did, for people", requiredProperties = "text")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Narrative(
        String text,
        @Schema(description = "An analysis's: llm (a language model wrote it from the computed figures only) or"
                + " engine (the leading insights)", enumeration = {"llm", "engine"}) String source) {

    public static Narrative of(String text) {
        return new Narrative(text, null);
    }
}
