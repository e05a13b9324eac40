package io.autoflow.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.analytics.insight.NarrativeWriter;
import io.autoflow.analytics.report.ReportBuilder;
import io.autoflow.blob.FileSystemBlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.DocumentTypes;
import io.autoflow.service.metrics.DocumentMetrics;
import io.autoflow.service.metrics.LlmFallbacks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentAnalysisTest {

    @TempDir
    Path blobs;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private DocumentAnalysis analysis;
    private FileSystemBlobStore store;

    @BeforeEach
    void setUp() throws Exception {
        store = new FileSystemBlobStore(blobs, new io.autoflow.blob.BlobEncryption("t=" + java.util.Base64.getEncoder().encodeToString(new byte[32])));
        try (var in = getClass().getResourceAsStream("/csv/sales.csv")) {
            store.put("uploads/u1/j1/document", in);
        }
        analysis = new DocumentAnalysis(store, new ReportBuilder(store), new NarrativeWriter(false, null,
                new LlmFallbacks(registry)), new DocumentMetrics(registry));
    }

    @Test
    void everyAnalysisRunsWhenNoneIsNamed() {
        JsonNode result = analyse(List.of());

        JsonNode table = result.get("tables").get(0);
        assertThat(table.get("correlations").isObject()).isTrue();
        assertThat(table.get("trends")).isNotEmpty();
        assertThat(result.get("insights")).isNotEmpty();
        assertThat(result.get("report").get("key").asText()).endsWith("report.pdf");
    }

    @Test
    void onlyTheAnalysesAskedForAreReturned() {
        JsonNode result = analyse(List.of("trends"));

        JsonNode table = result.get("tables").get(0);
        assertThat(table.get("columns")).isNotEmpty();
        assertThat(table.has("correlations")).isFalse();
        assertThat(table.get("trends")).isNotEmpty();
        assertThat(table.get("trends").get(0).get("anomalies")).isEmpty();
        assertThat(result.get("insights")).isEmpty();
        assertThat(result.get("alerts")).isEmpty();
        assertThat(result.get("charts").findValuesAsText("title")).noneMatch(t -> t.contains("correlations"))
                .anyMatch(t -> t.contains("units by day"));

        JsonNode statistical = analyse(List.of("statistical"));
        assertThat(statistical.get("tables").get(0).get("trends")).isEmpty();
        assertThat(statistical.get("tables").get(0).has("correlations")).isTrue();
    }

    @Test
    void eachDocumentIsCountedByItsTypeAndHowItEndedWithItsBytes() {
        analyse(List.of("statistical"));
        AnalysisOutcome refused = analysis.analyze(new AnalyzeDocument("j2", "u1", "free", "uploads/u1/j1/document",
                "sales.pdf", DocumentTypes.PDF + "; charset=binary", 2500, List.of(), null, null));
        assertThat(refused.error().code()).isEqualTo("corrupt_document");

        assertThat(registry.get("autoflow.documents.processed").tags("document_type", "csv", "outcome", "completed")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("autoflow.documents.processed").tags("document_type", "pdf", "outcome", "failed")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("autoflow.document.processed.bytes").tag("document_type", "csv").counter().count())
                .isEqualTo(2500);
        assertThat(registry.get("autoflow.document.processing").tags("document_type", "csv", "outcome", "completed")
                .timer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    }

    private JsonNode analyse(List<String> analyses) {
        AnalysisOutcome outcome = analysis.analyze(new AnalyzeDocument("j1", "u1", "free", "uploads/u1/j1/document",
                "sales.csv", DocumentTypes.CSV, 2500, analyses, new AnalyzeDocument.Output("pdf", "download", null,
                        null), null));
        assertThat(outcome.error()).isNull();
        try (var in = store.open(outcome.result().detail().key()).orElseThrow()) {
            return io.autoflow.events.EventJson.mapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
