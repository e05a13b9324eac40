package io.autoflow.analytics.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.events.CodedException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvAnalyzerTest {

    private final CsvAnalyzer analyzer = new CsvAnalyzer();

    @Test
    void computesDescriptiveStatisticsOfARealSalesFile() {
        // Expected figures computed independently (Python statistics module, linear-interpolation quartiles).
        TableStatistics stats = analyzer.analyze("sales", () -> resource("/csv/sales.csv"));

        assertThat(stats.name()).isEqualTo("sales");
        assertThat(stats.rowCount()).isEqualTo(48);
        assertThat(stats.columns()).extracting(ColumnStatistics::name)
                .containsExactly("date", "region", "product", "units", "unit_price", "revenue", "returned");
        assertThat(stats.columns()).extracting(ColumnStatistics::type)
                .containsExactly("date", "category", "category", "integer", "decimal", "decimal", "boolean");

        ColumnStatistics units = column(stats, "units");
        assertThat(units.count()).isEqualTo(47);
        assertThat(units.missing()).isEqualTo(1);
        assertThat(units.missingShare()).isEqualTo(1.0 / 48);
        assertThat(units.skewness()).isCloseTo(-0.1772360263891958, within(1e-9));
        assertThat(units.kurtosis()).isCloseTo(-0.9434875677128673, within(1e-9));
        assertThat(units.mean()).isCloseTo(42.276595744680854, within(1e-9));
        assertThat(units.std()).isCloseTo(19.732672231010763, within(1e-9));
        assertThat(units.min()).isEqualTo(8.0);
        assertThat(units.q1()).isEqualTo(24.5);
        assertThat(units.median()).isEqualTo(45.0);
        assertThat(units.q3()).isEqualTo(56.5);
        assertThat(units.max()).isEqualTo(79.0);

        ColumnStatistics region = column(stats, "region");
        assertThat(region.missing()).isEqualTo(1);
        assertThat(region.distinct()).isEqualTo(4);
        assertThat(region.topValues()).first().satisfies(top -> assertThat(top.count()).isEqualTo(12));
        assertThat(column(stats, "product").topValues()).extracting(ColumnStatistics.ValueCount::value)
                .containsExactly("Gizmo", "Gadget", "Widget");
    }

    @Test
    void matchesPandasDescribeOnOneToTen() {
        ColumnStatistics x = column(analyzer.analyze("t", () -> text("x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n")), "x");

        assertThat(x.mean()).isEqualTo(5.5);
        assertThat(x.std()).isCloseTo(3.0276503540974917, within(1e-12));
        assertThat(List.of(x.q1(), x.median(), x.q3())).containsExactly(3.25, 5.5, 7.75);
        assertThat(x.skewness()).isCloseTo(0.0, within(1e-12));
        assertThat(x.kurtosis()).isCloseTo(-1.2, within(1e-12));
        assertThat(x.missingShare()).isZero();
    }

    @Test
    void detectsSemicolonAndTabDelimitersAndHonoursQuotes() {
        TableStatistics semicolon = analyzer.analyze("t", () -> text("name;amount\n\"Smith; John\";1,5\nDoe;2\n"));
        assertThat(semicolon.columnCount()).isEqualTo(2);
        assertThat(column(semicolon, "name").topValues()).extracting(ColumnStatistics.ValueCount::value)
                .contains("Smith; John");

        TableStatistics tab = analyzer.analyze("t", () -> text("a\tb\n1\t2\n3\t4\n"));
        assertThat(tab.columns()).extracting(ColumnStatistics::name).containsExactly("a", "b");
        assertThat(column(tab, "b").mean()).isEqualTo(3.0);
    }

    @Test
    void readsUtf8WithBomAndFallsBackToWindows1252() {
        TableStatistics bom = analyzer.analyze("t", () -> bytes("\uFEFFcity,n\nZürich,1\n", StandardCharsets.UTF_8));
        assertThat(bom.columns().get(0).name()).isEqualTo("city");
        assertThat(column(bom, "city").topValues().get(0).value()).isEqualTo("Zürich");

        TableStatistics legacy = analyzer.analyze("t", () -> bytes("city,n\nZürich,1\nCafé €,2\n",
                Charset.forName("windows-1252")));
        assertThat(column(legacy, "city").topValues()).extracting(ColumnStatistics.ValueCount::value)
                .containsExactlyInAnyOrder("Zürich", "Café €");
    }

    @Test
    void namesBlankAndRepeatedHeadersAndTreatsShortRowsAsMissing() {
        TableStatistics stats = analyzer.analyze("t", () -> text("a,,a\n1,2,3\n4\n"));

        assertThat(stats.columns()).extracting(ColumnStatistics::name).containsExactly("a", "column_2", "a_2");
        assertThat(column(stats, "a_2").missing()).isEqualTo(1);
    }

    @Test
    void aHeaderOnlyFileHasNoRows() {
        TableStatistics stats = analyzer.analyze("t", () -> text("a,b\n"));

        assertThat(stats.rowCount()).isZero();
        assertThat(stats.columns()).extracting(ColumnStatistics::type).containsExactly("empty", "empty");
    }

    @Test
    void refusesBadDocumentsWithPreciseCodes() {
        assertCode("", "empty_document");
        assertCode("  \n\n", "empty_document");
        assertCode("a,b\n1,2,3\n", "malformed_csv");
        assertCode("a,b\n\"unclosed,2\n3,4\n", "malformed_csv");
        assertThatThrownBy(() -> analyzer.analyze("t", () -> new ByteArrayInputStream(new byte[] {80, 75, 3, 4, 0})))
                .isInstanceOf(CodedException.class)
                .extracting(e -> ((CodedException) e).code()).isEqualTo("unsupported_file_type");
    }

    @Test
    void hugeCellsAreMeasuredNotKeptWhole() {
        // Two 3 MB cells, quoted with commas and newlines inside, among ordinary rows.
        String huge = "\"" + "x,y\n".repeat(750_000) + "\"";
        StringBuilder csv = new StringBuilder("id,note,amount\n");
        for (int i = 1; i <= 100; i++) {
            csv.append(i).append(',').append(i % 40 == 0 ? huge : "short " + i).append(',').append(i * 2).append('\n');
        }

        TableStatistics stats = analyzer.analyze("t", () -> text(csv.toString()));

        assertThat(stats.rowCount()).isEqualTo(100);
        ColumnStatistics note = stats.columns().get(1);
        assertThat(note.type()).isEqualTo("text");
        assertThat(note.quality().maxLength()).isEqualTo(3_000_000 - 1); // trimmed of its last newline
        // Values are read up to DocumentLimits.MAX_CELL_CHARS, so they are still counted exactly.
        assertThat(note.estimated()).isFalse();
        assertThat(note.distinct()).isEqualTo(99L); // 98 short notes and the one huge note, twice
        assertThat(stats.columns().get(2).mean()).isEqualTo(101.0);
    }

    @Test
    void aTooLongRowNamesItsLine() {
        assertThatThrownBy(() -> analyzer.analyze("t", () -> text("a,b\n1,2\n1,2,3\n")))
                .hasMessageContaining("Line 3").hasMessageContaining("3 fields");
    }

    private void assertCode(String csv, String code) {
        assertThatThrownBy(() -> analyzer.analyze("t", () -> text(csv))).as(csv)
                .isInstanceOf(CodedException.class)
                .extracting(e -> ((CodedException) e).code()).isEqualTo(code);
    }

    private static ColumnStatistics column(TableStatistics stats, String name) {
        return stats.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static InputStream resource(String path) {
        return CsvAnalyzerTest.class.getResourceAsStream(path);
    }

    private static InputStream text(String s) {
        return bytes(s, StandardCharsets.UTF_8);
    }

    private static InputStream bytes(String s, Charset charset) {
        return new ByteArrayInputStream(s.getBytes(charset));
    }

}
