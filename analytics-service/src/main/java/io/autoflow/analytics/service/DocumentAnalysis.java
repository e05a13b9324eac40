package io.autoflow.analytics.service;

import io.autoflow.analytics.extract.CsvAnalyzer;
import io.autoflow.analytics.extract.DocumentException;
import io.autoflow.analytics.extract.DocxAnalyzer;
import io.autoflow.analytics.extract.ExtractedDocument;
import io.autoflow.analytics.extract.PdfAnalyzer;
import io.autoflow.analytics.extract.XlsxAnalyzer;
import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.insight.InsightWriter;
import io.autoflow.analytics.insight.Narrative;
import io.autoflow.analytics.insight.NarrativeWriter;
import io.autoflow.analytics.mapping.AnalysisResultMapping;
import io.autoflow.analytics.quality.Alert;
import io.autoflow.analytics.quality.AlertFinder;
import io.autoflow.analytics.report.ReportBuilder;
import io.autoflow.analytics.report.ReportContent;
import io.autoflow.analytics.stats.DocumentLimits;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.CodedException;
import io.autoflow.events.DocumentTypes;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.result.AnalysisResult;
import io.autoflow.events.result.StoredFile;
import io.autoflow.service.failure.TransientFailures;
import io.autoflow.service.metrics.DocumentMetrics;
import io.autoflow.service.work.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Analyses one stored document: extracts its tables, profiles them, writes the insights, raises data-quality alerts,
 * and renders the charts and the PDF report, keeping only the analyses the user asked for. Blocking and CPU-bound: callers run it off the event loop. Every failure
 * of the document or of ours becomes an outcome with a stable code, but one: the blob store briefly away (or anything
 * else {@code TransientFailures} calls transient) is thrown, for the caller to analyse the document again once it is
 * back, rather than failing the job. The same request writes the same keys, so another run replaces, never adds.
 */
@ApplicationScoped
public class DocumentAnalysis {

    private static final Logger LOG = Logger.getLogger(DocumentAnalysis.class);
    private static final Set<String> CSV_TYPES = Set.of(DocumentTypes.CSV, "application/csv", "text/plain",
            "text/comma-separated-values");

    private final BlobStore blobs;
    private final CsvAnalyzer csv = new CsvAnalyzer();
    private final XlsxAnalyzer xlsx = new XlsxAnalyzer();
    private final DocxAnalyzer docx = new DocxAnalyzer();
    private final PdfAnalyzer pdf = new PdfAnalyzer();
    private final InsightWriter insightWriter = new InsightWriter();
    private final AlertFinder alertFinder = new AlertFinder();

    private final ReportBuilder reports;
    private final NarrativeWriter narratives;
    private final DocumentMetrics metrics;

    public DocumentAnalysis(BlobStore blobs, ReportBuilder reports, NarrativeWriter narratives,
            DocumentMetrics metrics) {
        this.blobs = blobs;
        this.reports = reports;
        this.narratives = narratives;
        this.metrics = metrics;
    }

    /**
     * @return the outcome, whose result is the summary an event carries: the full result (every table's statistics,
     *         the text's, every alert) is stored with the report, at {@code result.detail.key}
     */
    public AnalysisOutcome analyze(AnalyzeDocument request) {
        return metrics.measured(request.contentType(), request.sizeBytes(), outcome -> outcome.error() != null,
                () -> analyzeOnce(request));
    }

    private AnalysisOutcome analyzeOnce(AnalyzeDocument request) {
        try {
            AnalysisSelection selection = AnalysisSelection.of(request.analyses());
            DocumentStatistics statistics = selection.apply(extract(request));
            List<Insight> insights = selection.insights() ? first(insightWriter.write(statistics),
                    DocumentLimits.MAX_INSIGHTS) : List.of();
            List<Alert> alerts = selection.statistical() ? alertFinder.find(statistics) : List.of();
            List<Alert> listed = first(alerts, DocumentLimits.MAX_ALERTS);
            String name = request.fileName() == null ? "Document" : DocumentLimits.name(request.fileName());
            Narrative narrative = selection.insights() ? narratives.write(name, statistics, insights) : null;
            ReportBuilder.Built report = reports.build(request, new ReportContent(name, statistics, narrative,
                    insights, listed));
            AnalysisResult result = AnalysisResult.full(
                    AnalysisResultMapping.each(statistics.tables(), AnalysisResultMapping::table),
                    AnalysisResultMapping.text(statistics.text()),
                    AnalysisResultMapping.each(insights, AnalysisResultMapping::insight),
                    AnalysisResultMapping.narrative(narrative),
                    AnalysisResultMapping.each(listed, AnalysisResultMapping::alert), alerts.size(),
                    report.charts(), report.report(), "/api/jobs/" + request.executionId() + "/report",
                    // The requested format and delivery, so the report can be handed over as the user asked.
                    AnalysisResultMapping.output(request.output()),
                    request.sourceUrl()); // fetched when the job ran, for a scheduled analysis
            return AnalysisOutcome.success(summary(request, result));
        } catch (CodedException e) {
            return AnalysisOutcome.failure(e.toErrorInfo());
        } catch (StackOverflowError e) {
            return AnalysisOutcome.failure(ErrorInfo.of("corrupt_document",
                    "The document is nested too deeply to be read"));
        } catch (Checkpoint.WorkAbandonedException e) {
            throw e; // past its deadline: nobody waits for this outcome
        } catch (IOException | RuntimeException e) {
            TransientFailures.throwIfTransient(e); // the store briefly away: the consumer tries again
            LOG.errorf(e, "Analysis of %s failed", request.executionId());
            return AnalysisOutcome.failure(ErrorInfo.of("analysis_failed", "The document could not be analysed"));
        }
    }

    /**
     * Stores the full result next to the report and returns what an event may carry: everything but the tables, the
     * text and the alerts, with where the rest is ({@code detail.key}) and how many tables there are.
     */
    private AnalysisResult summary(AnalyzeDocument request, AnalysisResult result) throws IOException {
        byte[] detail = EventJson.mapper().writeValueAsBytes(result);
        String key = ReportBuilder.prefix(request) + "result.json";
        blobs.put(key, new ByteArrayInputStream(detail));
        return result.summary(new StoredFile(key, null, detail.length));
    }

    private static <T> List<T> first(List<T> items, int max) {
        return items.size() <= max ? items : items.subList(0, max);
    }

    private DocumentStatistics extract(AnalyzeDocument request) throws IOException {
        String type = request.contentType() == null ? "" : request.contentType().split(";")[0].trim()
                .toLowerCase(Locale.ROOT);
        if (!CSV_TYPES.contains(type) && !DocumentTypes.XLSX.equals(type) && !DocumentTypes.DOCX.equals(type)
                && !DocumentTypes.PDF.equals(type)) {
            throw new DocumentException("unsupported_file_type", "Documents of type " + request.contentType()
                    + " cannot be analysed yet");
        }
        Path local = copied(request.blobKey());
        try {
            if (CSV_TYPES.contains(type)) {
                return new DocumentStatistics(List.of(csv.analyze(tableName(request.fileName()),
                        () -> read(local))), null);
            }
            try (InputStream in = read(local)) {
                if (DocumentTypes.XLSX.equals(type)) {
                    return new DocumentStatistics(xlsx.analyze(in), null);
                }
                ExtractedDocument extracted = DocumentTypes.PDF.equals(type) ? pdf.analyze(in) : docx.analyze(in);
                return new DocumentStatistics(extracted.tables(), extracted.text());
            }
        } finally {
            Files.deleteIfExists(local);
        }
    }

    /**
     * The stored document copied to a local file, before any parser reads it: the store's failures (away halfway
     * through a download too) stay the store's, never taken for a corrupt document.
     */
    private Path copied(String key) throws IOException {
        Path local = Files.createTempFile("autoflow-analysis-", ".document");
        try (InputStream in = blobs.open(key).orElseThrow(() -> new DocumentException("document_not_found",
                "The uploaded document is no longer stored"))) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            return local;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(local);
            throw e;
        }
    }

    /** A CSV's single table is named after the file, without its extension. */
    private static String tableName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "data";
        }
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static InputStream read(Path local) {
        try {
            return Files.newInputStream(local);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
