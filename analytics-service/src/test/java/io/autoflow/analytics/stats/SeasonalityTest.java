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
                .singleElement().satisfies(i -> assertThat(i.text()).contains("weekly").contains(season.lowest()));
    }

    @Test
    void findsTheYearlyCycleOfTheKeelingCurveAndNoAnomalyAtItsCurvedEnd() {
        Trend trend = keeling(new Random(3), -1).finish().trends().get(0);

        assertThat(trend.period()).isEqualTo("month");
        assertThat(trend.points()).hasSize(741);
        Seasonality season = trend.seasonality();
        assertThat(season).isNotNull();
        assertThat(season.cycle()).isEqualTo("year");
        assertThat(season.length()).isEqualTo(12);
        assertThat(season.lengthUnit()).isEqualTo("month");
        assertThat(season.amplitude()).isCloseTo(3, within(0.15));
        assertThat(season.highest()).isEqualTo("May");
        assertThat(season.lowest()).isIn("Sep", "Oct");
        assertThat(season.strength()).isGreaterThan(0.9);
        assertThat(season.effects().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(0, within(1e-9));
        // The trend bends upwards: a straight line leaves the last years far above it, the moving average does not.
        // (Elsewhere a month or two of 741 may be 4 standard deviations of noise off, as this seed's are.)
        LocalDate lastTwoYears = LocalDate.of(1958, 3, 1).plusMonths(740 - 23);
        assertThat(trend.anomalies()).extracting(Trend.Anomaly::start).allMatch(d -> d.isBefore(lastTwoYears))
                .hasSizeLessThanOrEqualTo(2);
        assertThat(trend.isSignificant()).isTrue();
        assertThat(trend.slope()).isCloseTo(100.0 / 740, within(0.01));
    }

    @Test
    void findsAWeeklyPatternOnACurvedDailyTrend() {
        Random noise = new Random(4);
        TableProfiler table = new TableProfiler("visits", List.of("day", "visits"));
        for (int d = 0; d < 84; d++) {
            LocalDate day = MONDAY.plusDays(d);
            double weekend = day.getDayOfWeek().getValue() >= 6 ? -30 : 0;
            double visits = 100 + 0.05 * d * d + weekend + noise.nextGaussian() * 2;
            table.add(List.of(day.toString(), Double.toString(visits)));
        }

        Trend trend = table.finish().trends().get(0);

        assertThat(trend.period()).isEqualTo("day");
        Seasonality season = trend.seasonality();
        assertThat(season.cycle()).isEqualTo("week");
        assertThat(season.length()).isEqualTo(7);
        assertThat(season.lengthUnit()).isEqualTo("day");
        // Weekdays sit 2/7 of 30 above the weekly mean, weekend days 5/7 of 30 below: half the range is 15.
        assertThat(season.amplitude()).isCloseTo(15, within(1.5));
        assertThat(season.lowest()).isIn("Sat", "Sun");
        assertThat(trend.anomalies()).isEmpty();
    }

    @Test
    void aCurvedTrendWithoutASeasonHasNoPatternAndNoAnomaly() {
        Random noise = new Random(5);
        TableProfiler table = new TableProfiler("t", List.of("month", "value"));
        LocalDate start = LocalDate.of(2000, 1, 1);
        for (int m = 0; m < 120; m++) {
            table.add(List.of(start.plusMonths(m).toString(),
                    Double.toString(50 + 0.01 * m * m + noise.nextGaussian())));
        }

        Trend trend = table.finish().trends().get(0);

        assertThat(trend.period()).isEqualTo("month");
        assertThat(trend.seasonality()).isNull();
        assertThat(trend.anomalies()).isEmpty();
    }

    /**
     * Monthly CO2 like Mauna Loa's from March 1958, 741 months: a trend bending upwards from 315 to 415 ppm, a yearly
     * sinusoid of ±3 ppm that peaks in May and bottoms out between September and October (it falls faster than it
     * rises, as the real one does), noise of 0.2 ppm, and optionally 4 ppm more in one month.
     */
    static TableProfiler keeling(Random noise, int spikeAt) {
        TableProfiler table = new TableProfiler("co2", List.of("month", "ppm"));
        LocalDate start = LocalDate.of(1958, 3, 1);
        double linear = 0.06;
        double square = (100 - linear * 740) / (740.0 * 740);
        for (int m = 0; m <= 740; m++) {
            LocalDate month = start.plusMonths(m);
            double ppm = 315 + linear * m + square * m * m + yearly(month.getMonthValue() - 1)
                    + noise.nextGaussian() * 0.2 + (m == spikeAt ? 4 : 0);
            table.add(List.of(month.toString(), String.format(java.util.Locale.ROOT, "%.2f", ppm)));
        }
        return table;
    }

    /** ±3 with its peak in May (4) and its trough at 8.5, half way from September to October. */
    private static double yearly(int month) {
        double phase = month >= 4 && month <= 8.5 ? (month - 4) / 4.5 * Math.PI
                : Math.PI + (Math.floorMod(month - 9, 12) + 0.5) / 7.5 * Math.PI;
        return 3 * Math.cos(phase);
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
