package io.autoflow.analytics.stats;

import java.time.LocalDate;
import java.util.List;

/**
 * How a numeric column moves over time: its mean per period, a moving average, the least-squares line through
 * the periods with their season taken out, the season, and the periods that stand out.
 *
 * @param period day, week (starting Monday) or month, chosen from the time span so a chart has enough points
 * @param intercept the fitted line's value at the first period
 * @param slope change of the value per calendar period (day, week or month), from the fitted line (fitted to the
 *        deseasonalised values when there is a season)
 * @param percentChange change of the fitted line from the first period to the last, relative to its start
 *        ({@code null} when the line starts at zero)
 * @param pValue significance of the slope (two-sided t-test); {@code null} with fewer than three periods
 * @param seasonality the weekly or yearly pattern around the trend, or {@code null} when there is none
 * @param anomalies periods far off their trend and season, most extreme first: with two cycles of data the trend is
 *        the decomposition's moving average, which follows a curve ({@link Decomposition}), else the line
 */
public record Trend(String dateColumn, String valueColumn, String period, List<Point> points, double intercept,
        double slope, Double percentChange, Double pValue, Seasonality seasonality, List<Anomaly> anomalies) {

    public static final double SIGNIFICANCE = 0.05;

    /**
     * A period whose value departs from what the trend and the season expect ({@code expected}) far more than the
     * others do: its robust z-score (remainder against the median remainder, in MADs scaled to standard deviations) is
     * beyond {@link #ANOMALY_Z}.
     */
    public record Anomaly(LocalDate start, double value, double expected, double score) {
    }

    public static final double ANOMALY_Z = 3.5;

    /** One period: when it starts, the mean of the values in it, and the moving average ending there. */
    public record Point(LocalDate start, double mean, long rows, Double movingAverage) {
    }

    /**
     * What the fitted line and the season expect at a period's start. Anomalies are judged against the decomposition's
     * trend instead, which follows a curve; see {@link Anomaly#expected()}.
     */
    public double expected(LocalDate start) {
        return fitted(start) + (seasonality == null ? 0 : seasonality.effect(start, period));
    }

    /** The fitted line's value at a period's start. */
    public double fitted(LocalDate start) {
        return intercept + slope * TrendProfile.elapsed(points.get(0).start(), start, period);
    }

    public Trend withoutAnomalies() {
        return withAnomalies(List.of());
    }

    Trend withAnomalies(List<Anomaly> found) {
        return new Trend(dateColumn, valueColumn, period, points, intercept, slope, percentChange, pValue,
                seasonality, found);
    }

    public boolean isSignificant() {
        return pValue != null && pValue < SIGNIFICANCE;
    }
}
