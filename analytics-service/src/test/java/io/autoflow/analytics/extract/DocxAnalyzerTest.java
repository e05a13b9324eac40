package io.autoflow.analytics.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.events.CodedException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class DocxAnalyzerTest {

    private final DocxAnalyzer analyzer = new DocxAnalyzer();

    @Test
    void readsEveryTableWithMergedCellsLaidOnTheGrid() {
        // tbl-cell-access.docx (python-docx): four 3x3 tables of "1".."9"; the second merges 4+5 across, the third 5/8
        // down, the fourth a 2x2 block from 4 (see the independently read expected JSON in the shared data).
        ExtractedDocument doc = analyzer.analyze(resource("/docx/tbl-cell-access.docx"));

        assertThat(doc.tables()).extracting(TableStatistics::name)
                .containsExactly("Table 1", "Table 2", "Table 3", "Table 4");
        assertThat(doc.tables()).allSatisfy(t -> {
            assertThat(t.rowCount()).isEqualTo(2);
            assertThat(t.columns()).extracting(ColumnStatistics::name).containsExactly("1", "2", "3");
        });
        assertThat(mean(doc.tables().get(0), "1")).isEqualTo(5.5); // 4, 7
        assertThat(mean(doc.tables().get(1), "2")).isEqualTo(6.0); // 4 (spanning), 8
        assertThat(mean(doc.tables().get(2), "2")).isEqualTo(5.0); // 5, 5 (merged down)
        assertThat(mean(doc.tables().get(3), "1")).isEqualTo(4.0); // 4, 4
        assertThat(mean(doc.tables().get(3), "2")).isEqualTo(4.0);
        assertThat(mean(doc.tables().get(3), "3")).isEqualTo(7.5); // 6, 9
    }

    @Test
    void measuresTheRunningText() {
        ExtractedDocument doc = analyzer.analyze(resource("/docx/test.docx"));

        // "python-docx was here!", "python-docx was here too!"
        assertThat(doc.tables()).isEmpty();
        assertThat(doc.text().paragraphs()).isEqualTo(2);
        assertThat(doc.text().words()).isEqualTo(7);
    }

    @Test
    void refusesEmptyAndDamagedDocuments() {
        assertCode(resource("/docx/blk-containing-table.docx"), "empty_document");
        assertCode(new ByteArrayInputStream("not a docx".getBytes()), "corrupt_document");
    }

    private void assertCode(InputStream in, String code) {
        assertThatThrownBy(() -> analyzer.analyze(in)).isInstanceOf(CodedException.class)
                .extracting(e -> ((CodedException) e).code()).isEqualTo(code);
    }

    private static double mean(TableStatistics table, String column) {
        return table.columns().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow().mean();
    }

    private static InputStream resource(String path) {
        return DocxAnalyzerTest.class.getResourceAsStream(path);
    }
}
