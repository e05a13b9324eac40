package io.autoflow.analytics.stats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Follows one date column as rows stream by: per day, the sum and count of every other column's numeric values.
 * Memory grows with the number of distinct days, not rows. At the end the days are grouped into a period that suits
 * the span; per numeric column the periods are decomposed into trend, season and remainder when they cover two
 * cycles ({@link Decomposition}), and a line is fitted through them with the season taken out.
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
        for (Map.Entry<LocalDate, double[]> entry : periods.entrySet()) {
            points.add(new Trend.Point(entry.getKey(), entry.getValue()[0] / entry.getValue()[1],
                    (long) entry.getValue()[1], null));
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
        Decomposition parts = Decomposition.of(points, period);
        // The line goes through the deseasonalised values: a half cycle more of highs would otherwise tilt it.
        SimpleRegression line = new SimpleRegression();
        LocalDate first = periods.firstKey();
        for (int i = 0; i < points.size(); i++) {
            Trend.Point p = points.get(i);
            // Calendar time, not the point's index: a period without data must not shorten the time axis.
            line.addData(elapsed(first, p.start(), period), p.mean() - (parts == null ? 0 : parts.season()[i]));
        }
        double start = line.predict(0);
        double end = line.predict(elapsed(first, periods.lastKey(), period));
        Double percent = start == 0 ? null : (end - start) / Math.abs(start) * 100;
        Double p = points.size() < 3 || !Double.isFinite(line.getSignificance()) ? null : line.getSignificance();
        Trend trend = new Trend(dateName, valueName, period, smoothed, start, line.getSlope(), percent, p,
                parts == null ? null : parts.seasonality(), List.of());
        double[] expected = new double[points.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = parts == null ? trend.fitted(points.get(i).start()) : parts.expected(i);
        }
        return trend.withAnomalies(anomalies(points, expected));
    }

    /**
     * Periods whose remainder from what is expected (trend and season of the decomposition, else the line) has a
     * robust z-score beyond {@link Trend#ANOMALY_Z}.
     */
    private static List<Trend.Anomaly> anomalies(List<Trend.Point> points, double[] expected) {
        if (points.size() < 5) {
            return List.of();
        }
        double[] scores = Decomposition.robustScores(
                IntStream.range(0, expected.length).mapToDouble(i -> points.get(i).mean() - expected[i]).toArray());
        if (scores == null) {
            return List.of();
        }
        List<Trend.Anomaly> found = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (Math.abs(scores[i]) > Trend.ANOMALY_Z) {
                Trend.Point p = points.get(i);
                found.add(new Trend.Anomaly(p.start(), p.mean(), expected[i], Math.abs(scores[i])));
            }
        }
        found.sort(Comparator.comparingDouble(Trend.Anomaly::score).reversed());
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
