package io.autoflow.analytics.stats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Follows one date column as rows stream by: per day, the sum and count of every other column's numeric values.
 * Memory grows with the number of distinct days, not rows. At the end the days are grouped into a period that suits
 * the span and a line is fitted per numeric column.
 */
final class TrendProfile {

    static final int MAX_TRENDS = 5;
    private static final int MOVING_AVERAGE = 3;

    private final int dateColumn;
    private final int width;
    private final TreeMap<LocalDate, double[]> days = new TreeMap<>();

    TrendProfile(int dateColumn, int width) {
        this.dateColumn = dateColumn;
        this.width = width;
    }

    int dateColumn() {
        return dateColumn;
    }

    /** Adds a row, given with its cells already read as numbers (NaN where not a number). */
    void add(List<String> row, double[] numbers) {
        LocalDate day = dateColumn < row.size() ? ValueKinds.parseDate(row.get(dateColumn)) : null;
        if (day == null) {
            return;
        }
        // Per column: [sum, count]
        double[] sums = days.computeIfAbsent(day, d -> new double[2 * width]);
        for (int i = 0; i < width; i++) {
            if (i != dateColumn && Double.isFinite(numbers[i])) {
                sums[2 * i] += numbers[i];
                sums[2 * i + 1]++;
            }
        }
    }

    List<Trend> finish(String dateName, List<ColumnStatistics> columns) {
        if (days.size() < 2) {
            return List.of();
        }
        String period = period(days.firstKey(), days.lastKey());
        List<Trend> trends = new ArrayList<>();
        for (int c = 0; c < columns.size() && trends.size() < MAX_TRENDS; c++) {
            if (c != dateColumn && columns.get(c).isNumeric()) {
                Trend trend = trend(dateName, columns.get(c).name(), c, period);
                if (trend != null) {
                    trends.add(trend);
                }
            }
        }
        return trends;
    }

    private Trend trend(String dateName, String valueName, int column, String period) {
        TreeMap<LocalDate, double[]> periods = new TreeMap<>();
        for (Map.Entry<LocalDate, double[]> day : days.entrySet()) {
            double[] sums = day.getValue();
            if (sums[2 * column + 1] > 0) {
                double[] total = periods.computeIfAbsent(start(day.getKey(), period), d -> new double[2]);
                total[0] += sums[2 * column];
                total[1] += sums[2 * column + 1];
            }
        }
        if (periods.size() < 2) {
            return null;
        }
        List<Trend.Point> points = new ArrayList<>();
        SimpleRegression line = new SimpleRegression();
        LocalDate first = periods.firstKey();
        for (Map.Entry<LocalDate, double[]> entry : periods.entrySet()) {
            double mean = entry.getValue()[0] / entry.getValue()[1];
            // Calendar time, not the point's index: a period without data must not shorten the time axis.
            line.addData(elapsed(first, entry.getKey(), period), mean);
            points.add(new Trend.Point(entry.getKey(), mean, (long) entry.getValue()[1], null));
        }
        List<Trend.Point> smoothed = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Double average = null;
            if (i >= MOVING_AVERAGE - 1) {
                average = points.subList(i - MOVING_AVERAGE + 1, i + 1).stream().mapToDouble(Trend.Point::mean)
                        .average().orElseThrow();
            }
            Trend.Point p = points.get(i);
            smoothed.add(new Trend.Point(p.start(), p.mean(), p.rows(), average));
        }
        double start = line.predict(0);
        double end = line.predict(elapsed(first, periods.lastKey(), period));
        Double percent = start == 0 ? null : (end - start) / Math.abs(start) * 100;
        Double p = points.size() < 3 || !Double.isFinite(line.getSignificance()) ? null : line.getSignificance();
        ToDoubleFunction<LocalDate> fitted = day -> line.predict(elapsed(first, day, period));
        Trend trend = new Trend(dateName, valueName, period, smoothed, start, line.getSlope(), percent, p,
                Seasonality.of(smoothed, period, fitted), List.of());
        return trend.withAnomalies(anomalies(smoothed, trend::expected));
    }

    /** Periods whose remainder from what is expected has a robust z-score beyond {@link Trend#ANOMALY_Z}. */
    private static List<Trend.Anomaly> anomalies(List<Trend.Point> points, ToDoubleFunction<LocalDate> expected) {
        if (points.size() < 5) {
            return List.of();
        }
        double[] residuals = points.stream().mapToDouble(p -> p.mean() - expected.applyAsDouble(p.start())).toArray();
        double median = new org.apache.commons.math3.stat.descriptive.rank.Median().evaluate(residuals);
        double mad = new org.apache.commons.math3.stat.descriptive.rank.Median().evaluate(
                java.util.Arrays.stream(residuals).map(r -> Math.abs(r - median)).toArray());
        if (mad == 0) {
            return List.of();
        }
        List<Trend.Anomaly> found = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double z = 0.6745 * (residuals[i] - median) / mad;
            if (Math.abs(z) > Trend.ANOMALY_Z) {
                Trend.Point p = points.get(i);
                found.add(new Trend.Anomaly(p.start(), p.mean(), expected.applyAsDouble(p.start()), Math.abs(z)));
            }
        }
        found.sort(java.util.Comparator.comparingDouble(Trend.Anomaly::score).reversed());
        return found;
    }

    /** Day up to three months, week up to two years, month beyond. */
    static String period(LocalDate from, LocalDate to) {
        long span = ChronoUnit.DAYS.between(from, to);
        return span <= 92 ? "day" : span <= 731 ? "week" : "month";
    }

    /** Whole periods from one period start to another. */
    static long elapsed(LocalDate from, LocalDate to, String period) {
        return switch (period) {
            case "week" -> ChronoUnit.WEEKS.between(from, to);
            case "month" -> ChronoUnit.MONTHS.between(from, to);
            default -> ChronoUnit.DAYS.between(from, to);
        };
    }

    static LocalDate start(LocalDate day, String period) {
        return switch (period) {
            case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> day.withDayOfMonth(1);
            default -> day;
        };
    }
}
