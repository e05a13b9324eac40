package io.autoflow.events;

/**
 * The document types the platform analyses, as the gateway detects them and {@link AnalyzeDocument#contentType()}
 * carries them.
 */
public final class DocumentTypes {

    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String PDF = "application/pdf";
    /** Not analysed: an API's answer, which a workflow's transform step reads as a table. */
    public static final String JSON = "application/json";

    private DocumentTypes() {
    }
}
