package io.autoflow.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A failure a client or a failed job reports as it is: a stable lower-snake-case {@code code} clients rely on, a
 * message for people and optional details. The base of every such failure in the platform, so that each becomes the
 * same {@link ErrorInfo}.
 */
public class CodedException extends RuntimeException {

    private final String code;
    private final JsonNode details;

    public CodedException(String code, String message) {
        this(code, message, null);
    }

    public CodedException(String code, String message, JsonNode details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    /** For failures that are expected outcomes, not bugs: no stack trace is taken. */
    protected CodedException(String code, String message, boolean withStackTrace) {
        super(message, null, false, withStackTrace);
        this.code = code;
        this.details = null;
    }

    public String code() {
        return code;
    }

    public JsonNode details() {
        return details;
    }

    public ErrorInfo toErrorInfo() {
        return new ErrorInfo(code, getMessage(), details);
    }
}
