package io.autoflow.analytics.extract;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.ErrorInfo;

/** The document cannot be analysed, for a reason the user can act on; {@code code} is stable. */
public class DocumentException extends RuntimeException {

    private final String code;
    private final JsonNode details;

    public DocumentException(String code, String message) {
        this(code, message, null);
    }

    public DocumentException(String code, String message, JsonNode details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    public ErrorInfo toErrorInfo() {
        return new ErrorInfo(code, getMessage(), details);
    }

    public String code() {
        return code;
    }
}
