package io.autoflow.analytics.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.analytics.extract.CsvAnalyzer;
import io.autoflow.analytics.stats.DocumentStatistics;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class AlertFinderTest {

    private final AlertFinder finder = new AlertFinder();

    @Test
    void raisesEachKindOnATableThatHasIt() {
        // 60 rows, one column per problem.
        List<Alert> alerts = alerts(60, i -> String.join(",",
                "FR",                                            // constant
                i % 3 == 0 ? "0" : Integer.toString(i),          // zeros (a third)
                Integer.toString(i),                             // unique, and uniform
                Integer.toString(2 * i + 1),                     // highly correlated with the previous one
                i < 55 ? "1" : Integer.toString(1000 * i),       // skewed
                i < 57 ? "a" : "b",                              // imbalance
                i % 4 == 0 ? "" : "x" + (i % 2),                 // missing (a quarter)
                i == 7 ? "inf" : Integer.toString(i % 5),        // infinite
                "cat" + (i % 55),                                // high cardinality (55 distinct of 60)
                String.format("%05d", i % 30) + "X",             // constant length
                i % 10 == 3 ? "n/a?" : Integer.toString(i * 7), // numbers stored as text (90%)
                i == 5 ? "unknown" : Integer.toString(i % 9)),  // numbers but for one value
                "country,zeros,id,twice,skew,imbalanced,sparse,inf,category,code,amount,mixed");

        assertThat(kinds(alerts, "country")).containsExactly("constant");
        assertThat(kinds(alerts, "zeros")).contains("zeros");
        assertThat(kinds(alerts, "id")).contains("unique", "uniform", "high_correlation");
        assertThat(kinds(alerts, "skew")).contains("skewed");
        assertThat(kinds(alerts, "imbalanced")).contains("imbalance");
        assertThat(kinds(alerts, "sparse")).contains("missing");
        assertThat(kinds(alerts, "inf")).contains("infinite");
        assertThat(kinds(alerts, "category")).contains("high_cardinality");
        assertThat(kinds(alerts, "code")).contains("constant_length");
        assertThat(kinds(alerts, "amount")).contains("wrong_type");
        assertThat(kinds(alerts, "mixed")).contains("mixed_type");
    }

    @Test
    void findsDuplicateRowsAndEmptiness() {
        List<Alert> duplicates = alerts(10, i -> (i % 5) + ",x", "n,s");
        assertThat(duplicates).filteredOn(a -> a.kind().equals("duplicates")).singleElement()
                .satisfies(a -> assertThat(a.message()).startsWith("5 rows repeat an earlier row (50% of the 10"));

        assertThat(kinds(alerts(3, i -> i + ",", "n,blank"), "blank")).containsExactly("empty");
        assertThat(alerts(0, i -> "", "n")).extracting(Alert::kind).containsExactly("empty");
    }

    @Test
    void aSignificantTrendIsANonStationaryColumn() {
        List<Alert> alerts = alerts(30, i -> "2026-01-" + String.format("%02d", i + 1) + "," + (i * 3 + i % 4)
                + "," + (i % 4), "day,growing,flat");

        assertThat(kinds(alerts, "growing")).contains("non_stationary");
        assertThat(kinds(alerts, "flat")).doesNotContain("non_stationary");
    }

    @Test
    void aCleanTableRaisesNothing() {
        assertThat(alerts(40, i -> i + "," + (i * 37 % 11) + "," + (i % 2 == 0 ? "north" : "south"), "id2,score,side")
                .stream().map(Alert::kind))
                .doesNotContain("constant", "zeros", "skewed", "missing", "infinite", "imbalance", "wrong_type",
                        "duplicates", "high_cardinality");
    }

    private List<Alert> alerts(int rows, IntFunction<String> row, String header) {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            csv.append(row.apply(i)).append('\n');
        }
        var table = new CsvAnalyzer().analyze("t", () -> new ByteArrayInputStream(
                csv.toString().getBytes(StandardCharsets.UTF_8)));
        return finder.find(new DocumentStatistics(List.of(table), null));
    }

    private static List<String> kinds(List<Alert> alerts, String column) {
        return alerts.stream().filter(a -> column.equals(a.column())).map(Alert::kind).toList();
    }
}
