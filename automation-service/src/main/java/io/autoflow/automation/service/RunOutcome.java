package io.autoflow.automation.service;

import io.autoflow.events.ErrorInfo;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.result.ApiCallResult;

/** Either what the API answered or why the call failed. */
public record RunOutcome(ApiCallResult result, ErrorInfo error) {

    public static RunOutcome success(ApiCallResult result) {
        return new RunOutcome(result, null);
    }

    public static RunOutcome failure(ErrorInfo error) {
        return new RunOutcome(null, error);
    }

    public ExecutionEvent toEvent(String executionId) {
        return error == null ? ExecutionEvent.completed(executionId, result) : ExecutionEvent.failed(executionId, error);
    }
}
