package io.autoflow.service.metrics;

import io.autoflow.events.DocumentTypes;
import io.autoflow.service.work.Checkpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Documents a worker processed (analysed, converted), by type and how it ended:
 * {@code autoflow_documents_processed_total{document_type,outcome}},
 * {@code autoflow_document_processed_bytes_total{document_type}} and the histogram
 * {@code autoflow_document_processing_seconds{document_type,outcome}}, with buckets around the target of 30 s for a
 * 10 MB document. The type is one of a few names ({@code csv}, {@code xlsx}, {@code docx}, {@code pdf}, {@code json})
 * or {@code other}, whatever content type a request names, so the series stay few.
 */
@ApplicationScoped
public class DocumentMetrics {

    /** How processing a document ended: a result, a failure with its code, or its tier's time limit passed. */
    public enum Outcome {
        COMPLETED, FAILED, TIMED_OUT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String OTHER = "other";
    private static final Map<String, String> TYPES = Map.of(DocumentTypes.CSV, "csv", "application/csv", "csv",
            "text/comma-separated-values", "csv", DocumentTypes.XLSX, "xlsx", DocumentTypes.DOCX, "docx",
            DocumentTypes.PDF, "pdf", "application/json", "json");
    static final Duration[] DURATION_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(120), Duration.ofSeconds(300)};

    private final MeterRegistry registry;

    public DocumentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Processes a document and counts how it ended: its outcome, or its time limit passed (the work abandoned at a
     * checkpoint). A transient failure, after which the document is processed again, counts nothing.
     *
     * @param contentType the document's content type as the request carries it (parameters such as a charset allowed)
     * @param bytes the document's size, as stored
     * @param failed whether an outcome is a failure
     */
    public <T> T measured(String contentType, long bytes, Predicate<T> failed, Supplier<T> processing) {
        long started = System.nanoTime();
        try {
            T outcome = processing.get();
            processed(contentType, bytes, failed.test(outcome) ? Outcome.FAILED : Outcome.COMPLETED, since(started));
            return outcome;
        } catch (Checkpoint.WorkAbandonedException e) {
            processed(contentType, bytes, Outcome.TIMED_OUT, since(started));
            throw e;
        }
    }

    void processed(String contentType, long bytes, Outcome outcome, Duration took) {
        String type = documentType(contentType);
        Counter.builder("autoflow.documents.processed").description("Documents processed, by type and outcome")
                .tag("document_type", type).tag("outcome", outcome.label()).register(registry).increment();
        Counter.builder("autoflow.document.processed.bytes").baseUnit("bytes")
                .description("Bytes of the documents processed, by type")
                .tag("document_type", type).register(registry).increment(Math.max(bytes, 0));
        Timer.builder("autoflow.document.processing").description("Time a document's processing took, by type")
                .tag("document_type", type).tag("outcome", outcome.label()).serviceLevelObjectives(DURATION_BUCKETS)
                .register(registry).record(took);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    static String documentType(String contentType) {
        if (contentType == null) {
            return OTHER;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(type, OTHER);
    }
}
