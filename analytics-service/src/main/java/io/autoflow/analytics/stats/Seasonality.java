package io.autoflow.analytics.stats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.inference.OneWayAnova;

/**
 * A repeating pattern around a trend: by day of the week in a daily series, by month of the year in a monthly one,
 * looked for by {@link Decomposition} when the series covers at least two cycles. It is judged on the detrended
 * series (value minus the centred moving average over one cycle): the effect of each season is the mean detrended
 * value in it, centred so the effects sum to 0; the pattern counts when the seasons differ significantly (one-way
 * ANOVA, p below {@link #SIGNIFICANCE}) and explain a fair part of the detrended variance ({@code strength}, as
 * Hyndman's F_S: max(0, 1 - Var(remainder) / Var(detrended)), at least {@link #MIN_STRENGTH}).
 *
 * @param cycle week or year
 * @param seasons the seasons' names (Mon..Sun, Jan..Dec), in order
 * @param effects each season's mean departure from the trend, in the column's unit, summing to 0 ({@code null} for a
 *        season without data)
 */
public record Seasonality(String cycle, List<String> seasons, List<Double> effects, double strength, double pValue) {

    static final double SIGNIFICANCE = 0.05;
    static final double MIN_STRENGTH = 0.3;

    /** Seasons in one cycle: 7 for a week of days, 12 for a year of months. */
    public int length() {
        return seasons.size();
    }

    /** What one season is: "day" in a weekly cycle, "month" in a yearly one. */
    public String lengthUnit() {
        return cycle.equals("week") ? "day" : "month";
    }

    /**
     * Half the distance from the lowest season's effect to the highest, in the column's unit: the ± of the swing
     * around the trend (a sinusoid a·sin gives about a; the peak-to-trough range is twice this).
     */
    public double amplitude() {
        return (effects.get(indexOf(true)) - effects.get(indexOf(false))) / 2;
    }

    /** The seasons with the highest and the lowest effect. */
    public String highest() {
        return seasons.get(indexOf(true));
    }

    public String lowest() {
        return seasons.get(indexOf(false));
    }

    /** Periods in one cycle of a series of these periods, or 0 when it has no cycle this can find. */
    static int cycleLength(String period) {
        return switch (period) {
            case "day" -> 7;
            case "month" -> 12;
            default -> 0;
        };
    }

    /** The season a period falls in, or -1 when the period has no seasonal cycle this can find. */
    static int season(LocalDate start, String period) {
        return switch (period) {
            case "day" -> start.getDayOfWeek().getValue() - 1;
            case "month" -> start.getMonthValue() - 1;
            default -> -1;
        };
    }

    /**
     * The pattern of detrended values (one per period start), or {@code null} when the seasons do not differ enough
     * to be one.
     */
    static Seasonality of(List<LocalDate> starts, double[] detrended, String period) {
        int length = cycleLength(period);
        List<List<Double>> bySeason = new ArrayList<>();
        for (int s = 0; s < length; s++) {
            bySeason.add(new ArrayList<>());
        }
        for (int i = 0; i < starts.size(); i++) {
            bySeason.get(season(starts.get(i), period)).add(detrended[i]);
        }
        List<double[]> groups = bySeason.stream().filter(g -> g.size() >= 2)
                .map(g -> g.stream().mapToDouble(Double::doubleValue).toArray()).toList();
        if (groups.size() < 2) {
            return null;
        }
        double pValue = new OneWayAnova().anovaPValue(groups);
        double[] means = bySeason.stream().mapToDouble(g -> g.isEmpty() ? Double.NaN
                : g.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toArray();
        // Centred, so the season moves values around the trend and does not shift its level.
        double centre = Arrays.stream(means).filter(Double::isFinite).average().orElse(0);
        List<Double> effects = Arrays.stream(means).mapToObj(m -> Double.isFinite(m) ? m - centre : null).toList();
        double[] remainders = new double[starts.size()];
        for (int i = 0; i < starts.size(); i++) {
            remainders[i] = detrended[i] - effects.get(season(starts.get(i), period));
        }
        double spread = variance(detrended);
        double strength = spread == 0 ? 0 : Math.max(0, 1 - variance(remainders) / spread);
        if (!(pValue < SIGNIFICANCE) || strength < MIN_STRENGTH) {
            return null;
        }
        return new Seasonality(period.equals("day") ? "week" : "year", names(period), effects, strength, pValue);
    }

    /** The effect of the season a period falls in (0 when that season has no data). */
    double effect(LocalDate start, String period) {
        Double effect = effects.get(season(start, period));
        return effect == null ? 0 : effect;
    }

    private int indexOf(boolean highest) {
        int best = -1;
        for (int i = 0; i < effects.size(); i++) {
            if (effects.get(i) != null && (best < 0
                    || (highest ? effects.get(i) > effects.get(best) : effects.get(i) < effects.get(best)))) {
                best = i;
            }
        }
        return best;
    }

    private static List<String> names(String period) {
        return period.equals("day")
                ? Arrays.stream(DayOfWeek.values()).map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toList()
                : Arrays.stream(Month.values()).map(m -> m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).toList();
    }

    /** Sum of squared deviations: only ever compared with another over as many values. */
    private static double variance(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        return Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    }
}
