package io.autoflow.analytics.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.events.CodedException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Real PDFs from tabula-java and camelot, checked against those tools' own extractions of them. */
class PdfAnalyzerTest {

    private final PdfAnalyzer analyzer = new PdfAnalyzer();

    @Test
    void aRuledTableRunningOverSeveralPagesIsOneTable() throws Exception {
        List<CSVRecord> page1 = csv("/pdf/tabula-java/schools.expected.csv");

        ExtractedDocument document = analyzer.analyze(resource("/pdf/tabula-java/schools.pdf"));

        assertThat(document.tables()).hasSize(1);
        TableStatistics schools = document.tables().get(0);
        assertThat(schools.columns()).extracting(ColumnStatistics::name)
                .containsExactlyElementsOf(page1.get(0).toList().subList(1, 11));
        assertThat(schools.rowCount()).isGreaterThan(4L * (page1.size() - 1)); // every page's rows
        assertThat(column(schools, "Zip").type()).isEqualTo("integer");
        assertThat(column(schools, "Date").type()).isEqualTo("date"); // 10/12/2012
        ColumnStatistics amount = column(schools, "Amount");
        assertThat(amount.type()).isEqualTo("decimal");
        List<Double> page1Amounts = page1.subList(1, page1.size()).stream()
                .map(r -> Double.parseDouble(r.get(10).replace(",", ""))).toList();
        assertThat(amount.min()).isLessThanOrEqualTo(page1Amounts.stream().min(Double::compare).orElseThrow());
        assertThat(amount.max()).isGreaterThanOrEqualTo(page1Amounts.stream().max(Double::compare).orElseThrow());
        assertThat(column(schools, "State").topValues().get(0).value()).isEqualTo("MN");
        assertThat(document.text().words()).isGreaterThan(1000);
    }

    @Test
    void anUnruledTableWithAWrappedHeaderMatchesTabulasOwnReading() throws Exception {
        List<CSVRecord> expected = csv("/pdf/tabula-java/us-020.expected.csv");
        List<CSVRecord> rows = expected.subList(5, expected.size()); // under its five header lines

        TableStatistics table = analyzer.analyze(resource("/pdf/tabula-java/us-020.pdf")).tables().get(0);

        assertThat(table.rowCount()).isEqualTo(rows.size());
        assertThat(table.columns().get(0).name()).isEqualTo("Education system");
        assertThat(table.columns().get(2).name()).isEqualTo("National desired population overall exclusion rate");
        for (int c = 1; c <= 6; c++) {
            int column = c;
            double mean = rows.stream().mapToDouble(r -> Double.parseDouble(r.get(column))).average().orElseThrow();
            assertThat(table.columns().get(c).type()).isEqualTo("integer");
            assertThat(table.columns().get(c).mean()).isCloseTo(mean, within(1e-9));
        }
    }

    @Test
    void aTableOfGroupedNumbersUnderAMultiLineHeaderMatchesCamelotsReading() throws Exception {
        List<CSVRecord> expected = csv("/pdf/camelot/health.expected.csv");
        List<CSVRecord> rows = expected.subList(6, expected.size()); // under its six header lines

        TableStatistics table = analyzer.analyze(resource("/pdf/camelot/health.pdf")).tables().get(0);

        assertThat(table.columnCount()).isEqualTo(8);
        assertThat(table.rowCount()).isEqualTo(rows.size());
        assertThat(table.columns().get(0).name()).isEqualTo("States-A");
        for (int c = 1; c < 8; c++) {
            int column = c;
            double sum = rows.stream().mapToDouble(r -> Double.parseDouble(r.get(column).replace(",", ""))).sum();
            ColumnStatistics statistics = table.columns().get(c);
            assertThat(statistics.type()).isEqualTo("integer"); // "47,824,589"
            assertThat(statistics.mean() * statistics.count()).isCloseTo(sum, within(1e-3));
        }
    }

    @Test
    void findsBothTablesOfAPageWithJapaneseNegatives() {
        List<TableStatistics> tables = analyzer.analyze(resource("/pdf/tabula-java/twotables.pdf")).tables();

        assertThat(tables).hasSize(2);
        ColumnStatistics treasuryStock = column(tables.get(0), "自己株式");
        assertThat(treasuryStock.type()).isEqualTo("integer");
        assertThat(treasuryStock.min()).isEqualTo(-747.0); // printed △747
    }

    @Test
    void textWithoutTablesIsText() {
        ExtractedDocument document = analyzer.analyze(resource("/pdf/camelot/only_page_number.pdf"));

        assertThat(document.tables()).isEmpty();
        assertThat(document.text().words()).isEqualTo(1);
    }

    @Test
    void refusesProtectedEmptyAndBrokenPdfsWithClearCodes() {
        assertCode(resource("/pdf/tabula-java/encrypted.pdf"), "encrypted_document");
        assertCode(resource("/pdf/camelot/health_protected.pdf"), "encrypted_document");
        assertCode(resource("/pdf/camelot/empty.pdf"), "empty_document");
        assertCode(new ByteArrayInputStream("%PDF-1.7\n1 0 obj garbage".getBytes(StandardCharsets.US_ASCII)),
                "corrupt_document");
    }

    private void assertCode(InputStream in, String code) {
        assertThatThrownBy(() -> analyzer.analyze(in)).isInstanceOf(CodedException.class)
                .extracting(e -> ((CodedException) e).code()).isEqualTo(code);
    }

    private static ColumnStatistics column(TableStatistics table, String name) {
        return table.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<CSVRecord> csv(String path) throws Exception {
        try (var reader = new InputStreamReader(resource(path), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.parse(reader).getRecords();
        }
    }

    private static InputStream resource(String path) {
        return PdfAnalyzerTest.class.getResourceAsStream(path);
    }
}
