package io.autoflow.analytics.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.analytics.extract.CsvAnalyzer;
import io.autoflow.analytics.extract.XlsxAnalyzer;
import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.Correlations;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InsightWriterTest {

    /** A number as Numbers writes it: −1,234.5, 0.0006, 1.2 M (the sign is read apart: "+" or "−" before it). */
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?(\u00a0[kMBT])?"
            + "|\\d+(\\.\\d+)?(\u00a0[kMBT])?");

    private final InsightWriter writer = new InsightWriter();

    @Test
    void tellsWhatTheSalesFileShows() {
        List<Insight> insights = writer.write(sales());

        assertThat(insights).extracting(Insight::text).contains(
                "sales has 48 rows and 7 columns.",
                "unit_price and revenue move together (Pearson r = 0.74 over 47 rows).",
                "units and revenue move together (Pearson r = 0.66 over 47 rows).",
                "units ranges from 8 to 79, with a median of 45.",
                "units rises over date: 0.49 per day on average, +162.8% along the fitted line.",
                // Over +300 %, a change is said from level to level.
                "revenue rises over date: 13.79 per day on average, from 331.32 to 1,393 along the fitted line.",
                "\"no\" makes up 66.7% of returned (32 of 48).");
        assertThat(insights).extracting(Insight::kind).contains("missing");
    }

    @Test
    void pointsAtTheMostExtremeOutlier() {
        StringBuilder csv = new StringBuilder("amount\n");
        for (int i = 1; i <= 20; i++) {
            csv.append(i == 12 ? 900 : i).append('\n');
        }
        List<Insight> insights = writer.write(new DocumentStatistics(List.of(table(csv.toString())), null));

        assertThat(insights).extracting(Insight::text).contains(
                "amount has 1 outlier; the most extreme is 900 on row 12 (expected between 0 and 47.75).");
    }

    /** A curved monthly series with a yearly swing of ±3, highest in May (as CO₂ at Mauna Loa). */
    @Test
    void saysTheSeasonsPeriodAndAmplitudeAndKeepsTheCurveOutOfTheAnomalies() {
        StringBuilder csv = new StringBuilder("month,co2\n");
        java.time.LocalDate month = java.time.LocalDate.of(1990, 1, 1);
        for (int i = 0; i < 120; i++) {
            double season = 3 * Math.cos(2 * Math.PI * (month.getMonthValue() - 5) / 12.0);
            csv.append(month).append(',').append(String.format(java.util.Locale.ROOT, "%.3f",
                    350 + 0.1 * i + 0.0005 * i * i + season)).append('\n');
            month = month.plusMonths(1);
        }
        List<Insight> insights = writer.write(new DocumentStatistics(List.of(table(csv.toString())), null));

        assertThat(insights).filteredOn(i -> i.kind().equals("seasonality")).singleElement()
                .satisfies(i -> assertThat(i.text()).startsWith("co2 follows a yearly pattern around its trend,"
                        + " every 12 months: highest in May, lowest in Nov, about 3 above").contains(
                        "above and below the trend"));
        assertThat(insights).noneMatch(i -> i.kind().equals("anomaly"));
    }

    @Test
    void speaksOfSkewOnlyWhereThereIsSome() {
        StringBuilder csv = new StringBuilder("wait\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i < 45 ? 1 + i % 3 : 100 + i).append('\n');
        }
        List<Insight> insights = writer.write(new DocumentStatistics(List.of(table(csv.toString())), null));

        assertThat(insights).filteredOn(i -> i.kind().equals("skew")).singleElement()
                .satisfies(i -> assertThat(i.text()).startsWith("wait is skewed to the right"));
        assertThat(writer.write(sales())).noneMatch(i -> i.kind().equals("skew"));
    }

    @Test
    void everyNumberInAnInsightIsOneTheEngineComputed() throws Exception {
        DocumentStatistics workbook;
        try (var in = getClass().getResourceAsStream("/xlsx/Book1.xlsx")) {
            workbook = new DocumentStatistics(new XlsxAnalyzer().analyze(in), null);
        }
        for (DocumentStatistics document : List.of(sales(), workbook)) {
            Set<String> computed = computedNumbers(document);
            for (Insight insight : writer.write(document)) {
                for (String number : numbersIn(insight.text(), document)) {
                    assertThat(computed).as("%s in \"%s\"", number, insight.text()).contains(number);
                }
            }
        }
    }

    /** The numbers of a sentence, leaving out the words that come from the data (names and quoted values). */
    private static List<String> numbersIn(String text, DocumentStatistics document) {
        String stripped = text.replaceAll("\"[^\"]*\"", "");
        for (TableStatistics table : document.tables()) {
            stripped = stripped.replace(table.name(), "");
            for (ColumnStatistics column : table.columns()) {
                stripped = stripped.replaceAll("\\b" + Pattern.quote(column.name()) + "\\b", "");
            }
        }
        Matcher matcher = NUMBER.matcher(stripped);
        return matcher.results().map(m -> m.group()).toList();
    }

    /** Every statistic the engine computed, written the way insights write numbers. */
    private static Set<String> computedNumbers(DocumentStatistics document) {
        Set<String> numbers = new HashSet<>();
        for (TableStatistics table : document.tables()) {
            numbers.add(Long.toString(table.rowCount()));
            numbers.add(Integer.toString(table.columnCount()));
            for (ColumnStatistics c : table.columns()) {
                Stream.of(c.mean(), c.std(), c.min(), c.q1(), c.median(), c.q3(), c.max(), c.skewness(), c.kurtosis())
                        .filter(v -> v != null).forEach(v -> numbers.add(Numbers.value(v)));
                numbers.add(Long.toString(c.count()));
                numbers.add(Long.toString(c.missing()));
                numbers.add(Long.toString(c.count() + c.missing()));
                numbers.add(Numbers.percent(c.missingShare()));
                if (c.outliers() != null) {
                    numbers.add(Long.toString(c.outliers().count()));
                    numbers.add(Numbers.value(c.expectedLow()));
                    numbers.add(Numbers.value(c.outliers().high()));
                    c.outliers().largest().forEach(o -> {
                        numbers.add(Numbers.value(o.value()));
                        numbers.add(Long.toString(o.row()));
                    });
                }
                if (c.topValues() != null) {
                    c.topValues().forEach(v -> {
                        numbers.add(Long.toString(v.count()));
                        numbers.add(Numbers.percent((double) v.count() / c.count()));
                    });
                }
            }
            for (var trend : table.trends()) {
                numbers.add(Numbers.value(Math.abs(trend.slope())));
                if (trend.percentChange() != null) {
                    numbers.add(Numbers.percent(Math.abs(trend.percentChange()) / 100));
                }
                numbers.add(Numbers.value(trend.fitted(trend.points().get(0).start())));
                numbers.add(Numbers.value(trend.fitted(trend.points().get(trend.points().size() - 1).start())));
            }
            Correlations correlations = table.correlations();
            if (correlations != null) {
                for (Correlations.Pair pair : correlations.strongest()) {
                    numbers.add(Numbers.value(Math.abs(pair.pearson())));
                    numbers.add(Long.toString(pair.rows()));
                }
            }
        }
        Set<String> unsigned = new HashSet<>(numbers); // the sentence's sign is read apart from its digits
        numbers.forEach(n -> unsigned.add(n.replace(String.valueOf(Numbers.MINUS), "")));
        return unsigned;
    }

    private static DocumentStatistics sales() {
        return new DocumentStatistics(List.of(new CsvAnalyzer().analyze("sales",
                () -> InsightWriterTest.class.getResourceAsStream("/csv/sales.csv"))), null);
    }

    private static TableStatistics table(String csv) {
        return new CsvAnalyzer().analyze("t", () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
