package io.autoflow.events;

import java.util.List;

/**
 * Request to the analytics service: analyse one stored document.
 *
 * @param blobKey where the uploaded document lives in the blob store; files never travel in events. Null when the
 *        document is to be fetched from {@code sourceUrl} when the job runs (each run of a scheduled analysis)
 * @param contentType the type sniffed at ingestion, not the one the client claimed
 * @param analyses requested analyses: statistical, trends, insights, anomalies
 * @param output report format (pdf, ppt, excel) and delivery (download, email, webhook)
 * @param sourceUrl the document's web address, fetched afresh by the analytics service when there is no blobKey
 */
public record AnalyzeDocument(String executionId, String userId, String tier, String blobKey, String fileName,
        String contentType, long sizeBytes, List<String> analyses, Output output, String sourceUrl) {

    public static final String TYPE = "io.autoflow.workflow.analyze-document.v1";

    /** How the result is packaged and handed over. */
    public record Output(String format, String delivery, String email, String webhookUrl) {
    }
}
