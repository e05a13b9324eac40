package io.autoflow.automation.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.ExecutionEvent;

/** Either what the API answered or why the call failed. */
public record RunOutcome(JsonNode result, ErrorInfo error) {

    public static RunOutcome success(JsonNode result) {
        return new RunOutcome(result, null);
    }

    public static RunOutcome failure(ErrorInfo error) {
        return new RunOutcome(null, error);
    }

    public ExecutionEvent toEvent(String executionId) {
        return error == null ? ExecutionEvent.completed(executionId, result) : ExecutionEvent.failed(executionId, error);
    }
}
