package io.autoflow.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoflow.analytics.extract.CsvAnalyzer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AnomaliesTest {

    @Test
    void findsOutliersBeyondTukeysFarOutFencesWithTheirRows() {
        // 1..20 with row 5 replaced by -300, then 500 on row 21.
        StringBuilder csv = new StringBuilder("v\n");
        for (int i = 1; i <= 20; i++) {
            csv.append(i == 5 ? -300 : i).append('\n');
        }
        csv.append("500\n");
        ColumnStatistics v = table(csv.toString()).columns().get(0);

        // Sorted: -300, 1..4, 6..20, 500 (21 values); R-7 quartiles: q1 = 5th value... = 6, q3 = 16.
        assertThat(v.q1()).isEqualTo(6.0);
        assertThat(v.q3()).isEqualTo(16.0);
        Outliers outliers = v.outliers();
        assertThat(outliers.low()).isEqualTo(6 - 3 * 10.0);
        assertThat(outliers.high()).isEqualTo(16 + 3 * 10.0);
        assertThat(outliers.count()).isEqualTo(2);
        assertThat(outliers.largest()).extracting(Outliers.Outlier::row).containsExactly(21L, 5L);
        assertThat(outliers.largest().get(0).score()).isCloseTo((500 - 46) / 10.0, within(1e-12));
        assertThat(outliers.largest().get(1).value()).isEqualTo(-300.0);
    }

    @Test
    void aColumnWithoutSpreadHasNoOutliers() {
        assertThat(table("v\n1\n1\n1\n1\n9\n").columns().get(0).outliers()).isNull();
    }

    @Test
    void marksThePeriodThatLeavesItsTrend() {
        StringBuilder csv = new StringBuilder("day,sales\n");
        LocalDate start = LocalDate.of(2026, 3, 1);
        for (int i = 0; i < 30; i++) {
            int value = 100 + 2 * i + (i % 3) + (i == 17 ? 80 : 0);
            csv.append(start.plusDays(i)).append(',').append(value).append('\n');
        }

        Trend trend = table(csv.toString()).trends().get(0);

        assertThat(trend.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.start()).isEqualTo(start.plusDays(17));
            assertThat(a.value()).isEqualTo(100 + 34 + 2 + 80);
            assertThat(a.score()).isGreaterThan(Trend.ANOMALY_Z);
        });
    }

    @Test
    void marksASpikeInASeasonalSeriesAndNotItsNeighbours() {
        // 4 ppm more in one month of the Keeling-like curve: little next to its yearly swing, a lot next to its noise.
        Trend trend = SeasonalityTest.keeling(new java.util.Random(3), 400).finish().trends().get(0);

        assertThat(trend.seasonality()).isNotNull();
        LocalDate month = LocalDate.of(1958, 3, 1).plusMonths(400);
        // First, far ahead of the odd month that is 4 standard deviations of noise off; its neighbours are not marked.
        assertThat(trend.anomalies().get(0)).satisfies(a -> {
            assertThat(a.start()).isEqualTo(month);
            // What the trend and the season expect there: the value without its 4 ppm, up to the noise.
            assertThat(a.value() - a.expected()).isCloseTo(4, within(0.6));
            assertThat(a.score()).isGreaterThan(4 * Trend.ANOMALY_Z);
        });
        assertThat(trend.anomalies()).extracting(Trend.Anomaly::start)
                .noneMatch(d -> d.isAfter(month.minusYears(1)) && d.isBefore(month) || d.isAfter(month)
                        && d.isBefore(month.plusYears(1)));
    }

    private static TableStatistics table(String csv) {
        return new CsvAnalyzer().analyze("t", () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }
}
