package io.autoflow.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.analytics.insight.NarrativeWriter;
import io.autoflow.analytics.report.ReportBuilder;
import io.autoflow.blob.FileSystemBlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.DocumentTypes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentAnalysisTest {

    @TempDir
    Path blobs;

    private DocumentAnalysis analysis;
    private FileSystemBlobStore store;

    @BeforeEach
    void setUp() throws Exception {
        store = new FileSystemBlobStore(blobs, new io.autoflow.blob.BlobEncryption("t=" + java.util.Base64.getEncoder().encodeToString(new byte[32])));
        try (var in = getClass().getResourceAsStream("/csv/sales.csv")) {
            store.put("uploads/u1/j1/document", in);
        }
        analysis = new DocumentAnalysis(store, new ReportBuilder(store), new NarrativeWriter(false, null));
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
