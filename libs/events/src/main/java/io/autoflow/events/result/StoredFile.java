package io.autoflow.events.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A file a job made, kept in the blob store.
 *
 * @param key where the worker stored it; the platform's own, left out of the public API (the job's
 *        {@code download_url} is the link to it)
 */
@Schema(name = "StoredFile", description = "A file the job made: download it with the job's download_url",
        requiredProperties = "size_bytes")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredFile(
        @Schema(hidden = true) String key,
        @Schema(description = "Its media type, e.g. application/json") String mediaType,
        long sizeBytes) {

    public StoredFile withoutKey() {
        return new StoredFile(null, mediaType, sizeBytes);
    }
}
