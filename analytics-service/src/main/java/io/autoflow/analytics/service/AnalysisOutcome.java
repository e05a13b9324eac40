package io.autoflow.analytics.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.ExecutionEvent;

/** Either the analysis result or why there is none. */
public record AnalysisOutcome(JsonNode result, ErrorInfo error) {

    public static AnalysisOutcome success(JsonNode result) {
        return new AnalysisOutcome(result, null);
    }

    public static AnalysisOutcome failure(ErrorInfo error) {
        return new AnalysisOutcome(null, error);
    }

    public ExecutionEvent toEvent(String executionId) {
        return error == null ? ExecutionEvent.completed(executionId, result) : ExecutionEvent.failed(executionId, error);
    }
}
