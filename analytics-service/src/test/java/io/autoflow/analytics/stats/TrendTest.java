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

    private static TableStatistics table(String csv) {
        return new CsvAnalyzer().analyze("t", () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
