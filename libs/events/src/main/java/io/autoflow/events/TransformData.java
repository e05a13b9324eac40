package io.autoflow.events;

import com.fasterxml.jackson.databind.JsonNode;

/** Request to the transform service: apply {@code spec} to the tabular or JSON data stored at {@code inputBlobKey}. */
public record TransformData(String executionId, String userId, String tier, String inputBlobKey, JsonNode spec) {

    public static final String TYPE = "io.autoflow.workflow.transform-data.v1";
}
