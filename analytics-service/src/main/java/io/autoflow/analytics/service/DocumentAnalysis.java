package io.autoflow.analytics.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.autoflow.analytics.csv.CsvAnalyzer;
import io.autoflow.analytics.csv.DocumentException;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Analyses one stored document. Blocking and CPU-bound: callers run it off the event loop. Every failure becomes an
 * outcome with a stable code; nothing escapes to crash the consumer.
 */
@ApplicationScoped
public class DocumentAnalysis {

    private static final Logger LOG = Logger.getLogger(DocumentAnalysis.class);
    private static final Set<String> CSV_TYPES = Set.of("text/csv", "application/csv", "text/plain",
            "text/comma-separated-values", "application/vnd.ms-excel");
    /** Results follow the REST API's snake_case. */
    private static final ObjectMapper RESULT_JSON = EventJson.mapper().copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final BlobStore blobs;
    private final CsvAnalyzer csv = new CsvAnalyzer();

    public DocumentAnalysis(BlobStore blobs) {
        this.blobs = blobs;
    }

    public AnalysisOutcome analyze(AnalyzeDocument request) {
        try {
            if (!isCsv(request)) {
                throw new DocumentException("unsupported_file_type", "Only CSV documents can be analysed for now, not "
                        + request.contentType());
            }
            var statistics = csv.analyze(() -> open(request.blobKey()));
            return AnalysisOutcome.success(RESULT_JSON.valueToTree(statistics));
        } catch (DocumentException e) {
            return AnalysisOutcome.failure(e.toErrorInfo());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Analysis of %s failed", request.executionId());
            return AnalysisOutcome.failure(ErrorInfo.of("analysis_failed", "The document could not be analysed"));
        }
    }

    private static boolean isCsv(AnalyzeDocument request) {
        String type = request.contentType() == null ? "" : request.contentType().split(";")[0].trim()
                .toLowerCase(Locale.ROOT);
        return CSV_TYPES.contains(type);
    }

    private InputStream open(String key) {
        try {
            return blobs.open(key).orElseThrow(() -> new DocumentException("document_not_found",
                    "The uploaded document is no longer stored"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
