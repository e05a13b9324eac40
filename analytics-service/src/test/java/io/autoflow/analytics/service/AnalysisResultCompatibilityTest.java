package io.autoflow.analytics.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.analytics.insight.NarrativeWriter;
import io.autoflow.analytics.report.ReportBuilder;
import io.autoflow.blob.BlobEncryption;
import io.autoflow.blob.FileSystemBlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.DocumentTypes;
import io.autoflow.events.EventJson;
import io.autoflow.service.metrics.DocumentMetrics;
import io.autoflow.service.metrics.LlmFallbacks;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The result built with {@code AnalysisResult} is, field for field and in the same order, what the service wrote when
 * it built the result by hand as a JSON tree ({@code results/}: kept from that version, for the same documents and
 * request). Only the report's size may differ: a PDF carries the time it was made.
 */
class AnalysisResultCompatibilityTest {

    @TempDir
    Path blobs;

    @ParameterizedTest
    @CsvSource({"/csv/sales.csv, text/csv, sales.csv, sales-analysis.json",
            "/pdf/tabula-java/twotables.pdf, application/pdf, twotables.pdf, twotables-analysis.json"})
    void theFullResultIsTheOneClientsGotBefore(String document, String type, String name, String expected)
            throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(blobs,
                new BlobEncryption("t=" + Base64.getEncoder().encodeToString(new byte[32])));
        try (InputStream in = getClass().getResourceAsStream(document)) {
            store.put("uploads/u1/j1/" + name, in);
        }
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        DocumentAnalysis analysis = new DocumentAnalysis(store, new ReportBuilder(store), new NarrativeWriter(false,
                null, new LlmFallbacks(registry)), new DocumentMetrics(registry));

        AnalysisOutcome outcome = analysis.analyze(new AnalyzeDocument("j1", "u1", "free", "uploads/u1/j1/" + name,
                name, type, 2500, List.of(), new AnalyzeDocument.Output("pdf", "email", "a@b.example", null),
                "https://example.com/x"));

        assertThat(outcome.error()).isNull();
        JsonNode full;
        try (InputStream in = store.open(outcome.result().detail().key()).orElseThrow()) {
            full = EventJson.mapper().readTree(in);
        }
        JsonNode before;
        try (InputStream in = getClass().getResourceAsStream("/results/" + expected)) {
            before = EventJson.mapper().readTree(in);
        }
        ((ObjectNode) full.get("report")).remove("size_bytes");
        ((ObjectNode) before.get("report")).remove("size_bytes");
        // Written out so that an intended change (a new field, a sentence worded better) is reviewed as a diff
        // and taken over into src/test/resources/results/.
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", expected), EventJson.write(full));
        assertThat(EventJson.write(full)).isEqualTo(EventJson.write(before));
        assertThat(outcome.result().report().mediaType()).isEqualTo(DocumentTypes.PDF);
    }
}
