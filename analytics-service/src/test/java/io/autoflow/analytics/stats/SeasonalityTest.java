package io.autoflow.analytics.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoflow.analytics.insight.InsightWriter;
import io.autoflow.analytics.quality.Alert;
import io.autoflow.analytics.quality.AlertFinder;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalityTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 1, 5);

    @Test
    void findsAWeeklyPatternAroundARisingTrendAndTheDayThatBreaksIt() {
        Random noise = new Random(1);
        TableProfiler table = new TableProfiler("visits", List.of("day", "visits"));
        for (int d = 0; d < 70; d++) {
            LocalDate day = MONDAY.plusDays(d);
            boolean weekend = day.getDayOfWeek().getValue() >= 6;
            double visits = 100 + 2 * d + (weekend ? -40 : 0) + noise.nextGaussian() * 2;
            if (d == 47) { // a Saturday as busy as a weekday: odd only once the weekend dip is known
                visits += 40;
            }
            table.add(List.of(day.toString(), String.format(java.util.Locale.ROOT, "%.2f", visits)));
        }

        TableStatistics statistics = table.finish();
        Trend trend = statistics.trends().get(0);

        Seasonality season = trend.seasonality();
        assertThat(season.cycle()).isEqualTo("week");
        assertThat(season.seasons()).hasSize(7).startsWith("Mon");
        assertThat(season.strength()).isGreaterThan(0.9);
        assertThat(season.pValue()).isLessThan(1e-6);
        assertThat(season.lowest()).isIn("Sat", "Sun");
        // Weekday effects sit about 40 above weekend ones (5/7 of the days carry +40 relative to the others).
        double weekday = season.effects().get(2);
        double weekendDay = season.effects().get(6);
        assertThat(weekday - weekendDay).isCloseTo(40, within(4.0));
        assertThat(trend.anomalies()).extracting(Trend.Anomaly::start).containsExactly(MONDAY.plusDays(47));
        assertThat(MONDAY.plusDays(47).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        DocumentStatistics document = new DocumentStatistics(List.of(statistics), null);
        assertThat(new AlertFinder().find(document)).extracting(Alert::kind).contains("seasonal");
        assertThat(new InsightWriter().write(document)).filteredOn(i -> i.kind().equals("seasonality"))
                .singleElement().satisfies(i -> assertThat(i.text()).startsWith("visits follows a weekly pattern")
                        .contains("lowest on " + season.lowest()));
    }

    @Test
    void aTrendWithNoiseOnlyHasNoPattern() {
        Random noise = new Random(2);
        TableProfiler table = new TableProfiler("t", List.of("day", "value"));
        for (int d = 0; d < 70; d++) {
            table.add(List.of(MONDAY.plusDays(d).toString(), Double.toString(50 + d + noise.nextGaussian() * 5)));
        }

        assertThat(table.finish().trends().get(0).seasonality()).isNull();
    }
}
