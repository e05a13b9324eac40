package io.autoflow.analytics.extract;

import io.autoflow.events.ErrorInfo;

/** The document cannot be analysed, for a reason the user can act on; {@code code} is stable. */
public class DocumentException extends RuntimeException {

    private final String code;

    public DocumentException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorInfo toErrorInfo() {
        return ErrorInfo.of(code, getMessage());
    }

    public String code() {
        return code;
    }
}
