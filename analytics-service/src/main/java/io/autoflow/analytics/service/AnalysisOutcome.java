package io.autoflow.analytics.service;

import io.autoflow.events.ErrorInfo;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.result.AnalysisResult;

/** Either the analysis result (the summary an event carries) or why there is none. */
public record AnalysisOutcome(AnalysisResult result, ErrorInfo error) {

    public static AnalysisOutcome success(AnalysisResult result) {
        return new AnalysisOutcome(result, null);
    }

    public static AnalysisOutcome failure(ErrorInfo error) {
        return new AnalysisOutcome(null, error);
    }

    public ExecutionEvent toEvent(String executionId) {
        return error == null ? ExecutionEvent.completed(executionId, result) : ExecutionEvent.failed(executionId, error);
    }
}
