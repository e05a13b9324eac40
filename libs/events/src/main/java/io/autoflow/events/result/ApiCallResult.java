package io.autoflow.events.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What an API call answered ({@code api_automation}): the call, the answer's status and type, the answer itself as a
 * stored file and, for text, its start.
 */
@Schema(name = "ApiCallResult", description = "What the API answered (workflow_type api_automation)",
        requiredProperties = {"request", "status_code", "content_type", "size_bytes", "duration_ms", "attempts",
                "response", "narrative"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiCallResult(
        Call request,
        @Schema(description = "The answer's HTTP status (2xx: other answers fail the job)") int statusCode,
        @Schema(description = "The answer's media type, without parameters") String contentType,
        @Schema(description = "The answer's size") long sizeBytes,
        @Schema(description = "How long the last attempt took") long durationMs,
        @Schema(description = "Attempts made (more than 1 after an answer worth another try)") int attempts,
        @Schema(description = "The whole answer: download it with the job's download_url") StoredFile response,
        @Schema(description = "The answer's first 2,000 characters, for a text answer (JSON, XML, CSV, text)")
        String preview,
        @Schema(description = "A JSON answer as JSON, when it is small enough to carry whole (at most 16 KiB, 50"
                + " items per list or object, 5 levels deep): what a workflow's later steps read as"
                + " steps.<name>.body; a larger one is read whole by a transform step") JsonNode body,
        Narrative narrative) implements JobResult {

    /** The largest JSON answer carried whole as {@code body}. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    @Override
    public ApiCallResult withoutStorageKeys() {
        return new ApiCallResult(request, statusCode, contentType, sizeBytes, durationMs, attempts,
                response == null ? null : response.withoutKey(), preview, body, narrative);
    }

    /** The call made. */
    @Schema(name = "ApiCall", requiredProperties = {"method", "url"})
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Call(String method, String url) {
    }
}
