package io.autoflow.analytics.extract;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.CodedException;

/** The document cannot be analysed, for a reason the user can act on; {@code code} is stable. */
public class DocumentException extends CodedException {

    public DocumentException(String code, String message) {
        super(code, message);
    }

    public DocumentException(String code, String message, JsonNode details) {
        super(code, message, details);
    }
}
