package io.autoflow.gateway.webhook;

import io.autoflow.events.DocumentTypes;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * How a file a webhook brings is named. It is checked as an upload is (its real type sniffed from its bytes, which
 * must agree with the type it was sent as), under a name made from its {@code Content-Type}; it is kept under the
 * extension of the type its bytes show, by which a step reads it ({@code input: "trigger"} sees {@code trigger.csv}).
 */
public final class WebhookFiles {

    /** The declared types whose extension the bytes must agree with; any other type leaves the bytes to decide. */
    private static final Map<String, String> DECLARED = Map.of("text/csv", "csv", "text/tab-separated-values", "tsv",
            "text/plain", "txt", DocumentTypes.XLSX, "xlsx", DocumentTypes.DOCX, "docx", DocumentTypes.PDF, "pdf");
    private static final Map<String, String> KEPT = Map.of(DocumentTypes.CSV, "csv", DocumentTypes.XLSX, "xlsx",
            DocumentTypes.DOCX, "docx", DocumentTypes.PDF, "pdf");

    private WebhookFiles() {
    }

    /** The name a file sent as this type is checked under: {@code payload.csv} for text/csv, else {@code payload}. */
    public static String checkedName(MediaType declared) {
        String extension = declared == null ? null
                : DECLARED.get(declared.getType() + "/" + declared.getSubtype());
        return extension == null ? "payload" : "payload." + extension;
    }

    /** The extension a file of this (sniffed) document type is kept with. */
    public static String extension(String documentType) {
        String extension = KEPT.get(documentType);
        if (extension == null) {
            throw new IllegalArgumentException("Not a document type the platform reads: " + documentType);
        }
        return extension;
    }
}
