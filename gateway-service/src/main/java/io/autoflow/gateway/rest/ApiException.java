package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;

/** An error the client caused or can act on: a stable {@link ErrorCode} (which carries the status) and a message. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final transient JsonNode details;
    private final String param;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, JsonNode details) {
        this(code, message, details, null);
    }

    private ApiException(ErrorCode code, String message, JsonNode details, String param) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
        this.param = param;
    }

    /** A refusal of one field of the request, named as the API spells it ({@code output.webhook_url}). */
    public static ApiException withParam(ErrorCode code, String message, String param) {
        return withParam(code, message, param, null);
    }

    public static ApiException withParam(ErrorCode code, String message, String param, JsonNode details) {
        return new ApiException(code, message, details, param);
    }

    public int status() {
        return code.status();
    }

    public ApiError toError() {
        return ApiError.of(code, getMessage(), details, param);
    }
}
