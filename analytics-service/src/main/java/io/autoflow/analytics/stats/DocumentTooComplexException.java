package io.autoflow.analytics.stats;

import io.autoflow.analytics.extract.DocumentException;
import io.autoflow.events.EventJson;

/** The document passes one of {@link DocumentLimits}: the job fails with {@code document_too_complex}, naming it. */
public class DocumentTooComplexException extends DocumentException {

    public DocumentTooComplexException(String limit, long max, String message) {
        super("document_too_complex", message, EventJson.mapper().createObjectNode().put("limit", limit)
                .put("max", max));
    }
}
