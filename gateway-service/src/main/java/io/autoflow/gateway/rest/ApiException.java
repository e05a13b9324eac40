package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** An error the client caused or can act on: an HTTP status, a stable code and a human message. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient JsonNode details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, JsonNode details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public ApiError toError() {
        return new ApiError(status, code, getMessage(), details);
    }
}
