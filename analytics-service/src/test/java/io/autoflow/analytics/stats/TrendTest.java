package io.autoflow.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoflow.analytics.extract.CsvAnalyzer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void fitsTheLineOfEachNumericColumnOverTheDates() {
        // Expected: means per date and least squares written in Python from the file (12 dates, weekly).
        TableStatistics sales = new CsvAnalyzer().analyze("sales",
                () -> TrendTest.class.getResourceAsStream("/csv/sales.csv"));

        assertThat(sales.trends()).extracting(Trend::valueColumn).containsExactly("units", "unit_price", "revenue");
        Trend units = sales.trends().get(0);
        assertThat(units.dateColumn()).isEqualTo("date");
        assertThat(units.period()).isEqualTo("day");
        assertThat(units.points()).hasSize(12);
        assertThat(units.points().get(0).start()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(units.points().get(0).mean()).isEqualTo(10.25);
        assertThat(units.points().get(1).mean()).isCloseTo(21.666666666666668, within(1e-12));
        assertThat(units.points().get(1).movingAverage()).isNull();
        assertThat(units.points().get(2).movingAverage()).isCloseTo((10.25 + 21.666666666666668 + 45.25) / 3,
                within(1e-12));
        assertThat(units.slope()).isCloseTo(3.414335664335664 / 7, within(1e-9)); // per day: the dates are a week apart
        assertThat(units.percentChange()).isCloseTo(162.8103001111523, within(1e-9));
        assertThat(units.isSignificant()).isTrue(); // t = 4.25 with 10 degrees of freedom
    }

    @Test
    void groupsLongSpansByWeekOrMonthAndIgnoresTablesWithoutDates() {
        StringBuilder csv = new StringBuilder("day,v\n");
        LocalDate start = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < 1000; i++) {
            csv.append(start.plusDays(i)).append(',').append(i % 10).append('\n');
        }
        Trend trend = table(csv.toString()).trends().get(0);

        assertThat(trend.period()).isEqualTo("month");
        assertThat(trend.points().get(0).rows()).isEqualTo(31);
        assertThat(trend.isSignificant()).isFalse();
        assertThat(TrendProfile.period(start, start.plusDays(200))).isEqualTo("week");
        assertThat(TrendProfile.start(LocalDate.of(2026, 11, 26), "week")).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(table("a,b\n1,2\n3,4\n").trends()).isEmpty();
    }

    @Test
    void fitsTheLineThroughTheValuesWithTheirSeasonTakenOut() {
        // Two and a half years of +0.1 a month under a yearly swing of ±20 that peaks in June: the extra half year,
        // low at the start and high at the end, tilts a line through the raw values by 0.06 a month.
        StringBuilder csv = new StringBuilder("month,v\n");
        LocalDate start = LocalDate.of(2020, 1, 1);
        java.util.Random noise = new java.util.Random(6);
        org.apache.commons.math3.stat.regression.SimpleRegression raw =
                new org.apache.commons.math3.stat.regression.SimpleRegression();
        for (int m = 0; m < 30; m++) {
            double v = 100 + 0.1 * m + 20 * Math.cos(2 * Math.PI * (m - 5) / 12) + noise.nextGaussian() * 0.2;
            raw.addData(m, v);
            csv.append(start.plusMonths(m)).append(',').append(v).append('\n');
        }
        Trend trend = table(csv.toString()).trends().get(0);

        assertThat(trend.seasonality()).isNotNull();
        assertThat(trend.slope()).isCloseTo(0.1, within(0.015));
        assertThat(raw.getSlope()).isGreaterThan(0.15);
    }

    private static TableStatistics table(String csv) {
        return new CsvAnalyzer().analyze("t", () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
