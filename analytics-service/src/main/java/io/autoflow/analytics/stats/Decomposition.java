package io.autoflow.analytics.stats;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * A series of periods split into trend + season + remainder (classical additive decomposition), when it has a cycle
 * (week of days, year of months) and covers two of them. The trend is the centred moving average over one cycle (7
 * for days, 2x12 for months): it cancels any pattern that repeats every cycle and bends with a curved trend, which a
 * straight line does not. Where its window does not fit, in the first and last half cycle, the trend goes on along
 * the slope of the nearest cycle of averages. The season, if {@link Seasonality#of} finds one in the detrended
 * values, is its effect per season; the remainder is what is left.
 *
 * <p>A spike would pull the moving average and its season's effect towards itself and leave its neighbours looking
 * odd, so the most extreme period beyond {@link Trend#ANOMALY_Z} is set aside, one at a time, and replaced by what
 * the rest expects there before the series is decomposed again (as STL's robustness passes do). Its remainder, and
 * every other, is still measured from its real value.
 *
 * @param trend per point, the level the series is at
 * @param season per point, its season's effect (0 when there is no seasonality)
 * @param remainder per point, value - trend - season
 * @param seasonality the pattern found, or {@code null}
 */
record Decomposition(double[] trend, double[] season, double[] remainder, Seasonality seasonality) {

    /** Periods set aside, at most: each costs a few decompositions, and beyond this many they are no longer rare. */
    private static final int MAX_SET_ASIDE = 50;
    /** Decompositions per period set aside: its replacement leans less on itself each time (1/cycle, 1/cycle²…). */
    private static final int SETTLE = 3;

    /** The decomposition of these periods, or {@code null} without a cycle or with fewer than two cycles of data. */
    static Decomposition of(List<Trend.Point> points, String period) {
        int length = Seasonality.cycleLength(period);
        if (length == 0 || points.size() < 2 * length) {
            return null;
        }
        List<LocalDate> starts = points.stream().map(Trend.Point::start).toList();
        int[] at = new int[points.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = (int) TrendProfile.elapsed(starts.get(0), starts.get(i), period);
        }
        double[] values = points.stream().mapToDouble(Trend.Point::mean).toArray();
        double[] used = values.clone();
        boolean[] setAside = new boolean[values.length];
        Decomposition parts = fit(starts, at, values, used, period, length);
        for (int n = 0; n < Math.min(MAX_SET_ASIDE, values.length / 10); n++) {
            int worst = worst(robustScores(parts.remainder), setAside);
            if (worst < 0) {
                break;
            }
            setAside[worst] = true;
            for (int pass = 0; pass < SETTLE; pass++) {
                for (int i = 0; i < values.length; i++) {
                    if (setAside[i]) {
                        used[i] = parts.trend[i] + parts.season[i];
                    }
                }
                parts = fit(starts, at, values, used, period, length);
            }
        }
        return parts;
    }

    /**
     * Robust z-scores of remainders: distance from their median in MADs, scaled to standard deviations of a normal
     * distribution; {@code null} when most remainders are equal (MAD 0) and no scale can be told.
     */
    static double[] robustScores(double[] remainders) {
        double median = new Median().evaluate(remainders);
        double mad = new Median().evaluate(Arrays.stream(remainders).map(r -> Math.abs(r - median)).toArray());
        return mad == 0 ? null : Arrays.stream(remainders).map(r -> 0.6745 * (r - median) / mad).toArray();
    }

    /** What the trend and the season expect at point i. */
    double expected(int i) {
        return trend[i] + season[i];
    }

    /** Decomposes the values used (some replaced), measuring the remainder from the real values. */
    private static Decomposition fit(List<LocalDate> starts, int[] at, double[] values, double[] used,
            String period, int length) {
        double[] level = movingAverage(grid(at, used), length);
        double[] trend = new double[values.length];
        double[] detrended = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            trend[i] = level[at[i]];
            detrended[i] = used[i] - trend[i];
        }
        Seasonality seasonality = Seasonality.of(starts, detrended, period);
        double[] season = new double[values.length];
        double[] remainder = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            season[i] = seasonality == null ? 0 : seasonality.effect(starts.get(i), period);
            remainder[i] = values[i] - trend[i] - season[i];
        }
        return new Decomposition(trend, season, remainder, seasonality);
    }

    /** One value per period from the first to the last; a period without data lies on the line between its sides. */
    private static double[] grid(int[] at, double[] values) {
        double[] grid = new double[at[at.length - 1] + 1];
        for (int i = 0; i < at.length; i++) {
            grid[at[i]] = values[i];
            if (i > 0) {
                for (int k = at[i - 1] + 1; k < at[i]; k++) {
                    double share = (double) (k - at[i - 1]) / (at[i] - at[i - 1]);
                    grid[k] = values[i - 1] + share * (values[i] - values[i - 1]);
                }
            }
        }
        return grid;
    }

    /**
     * Centred moving average over one cycle: a window of the cycle's length, or for an even length one more period
     * with the two ends at half weight (2x12), so that every season weighs the same. The ends continue the slope of the
     * nearest cycle of averages.
     */
    private static double[] movingAverage(double[] values, int length) {
        int half = length / 2;
        double[] average = new double[values.length];
        for (int i = half; i < values.length - half; i++) {
            double sum = 0;
            for (int k = -half; k <= half; k++) {
                sum += values[i + k] * (length % 2 == 0 && Math.abs(k) == half ? 0.5 : 1);
            }
            average[i] = sum / length;
        }
        int first = half;
        int last = values.length - 1 - half;
        double startSlope = slope(average, first, Math.min(last, first + length - 1));
        double endSlope = slope(average, Math.max(first, last - length + 1), last);
        for (int i = 0; i < first; i++) {
            average[i] = average[first] - startSlope * (first - i);
        }
        for (int i = last + 1; i < values.length; i++) {
            average[i] = average[last] + endSlope * (i - last);
        }
        return average;
    }

    /** Least-squares slope of the values from one index to another (0 for a single value). */
    private static double slope(double[] values, int from, int to) {
        if (to <= from) {
            return 0;
        }
        SimpleRegression line = new SimpleRegression();
        for (int i = from; i <= to; i++) {
            line.addData(i, values[i]);
        }
        return line.getSlope();
    }

    /** The period with the largest score beyond {@link Trend#ANOMALY_Z} not yet set aside, or -1. */
    private static int worst(double[] scores, boolean[] setAside) {
        int worst = -1;
        if (scores != null) {
            for (int i = 0; i < scores.length; i++) {
                if (!setAside[i] && Math.abs(scores[i]) > Trend.ANOMALY_Z
                        && (worst < 0 || Math.abs(scores[i]) > Math.abs(scores[worst]))) {
                    worst = i;
                }
            }
        }
        return worst;
    }
}
