package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** An error the client caused or can act on: an HTTP status, a stable code and a human message. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient JsonNode details;
    private final String param;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, JsonNode details) {
        this(status, code, message, details, null);
    }

    private ApiException(int status, String code, String message, JsonNode details, String param) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
        this.param = param;
    }

    /** A refusal of one field of the request, named as the API spells it ({@code output.webhook_url}). */
    public static ApiException withParam(int status, String code, String message, String param) {
        return withParam(status, code, message, param, null);
    }

    public static ApiException withParam(int status, String code, String message, String param, JsonNode details) {
        return new ApiException(status, code, message, details, param);
    }

    public int status() {
        return status;
    }

    public ApiError toError() {
        return new ApiError(status, code, getMessage(), details, param);
    }
}
