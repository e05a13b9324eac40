package io.autoflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Request to the automation service: perform a user-defined HTTP call. */
public record RunAutomation(String executionId, String userId, String tier, String method, String url,
        Map<String, String> headers, JsonNode body) {

    public static final String TYPE = "io.autoflow.workflow.run-automation.v1";
}
