package io.autoflow.analytics.stats;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.inference.OneWayAnova;

/**
 * A repeating pattern around a trend: by day of the week in a daily series, by month of the year in a monthly one,
 * found when the series covers at least two cycles. The effect of each season is the mean residual from the fitted
 * line in it; the pattern counts when the seasons differ significantly (one-way ANOVA, p below
 * {@link #SIGNIFICANCE}) and explain a fair part of the residual variance ({@code strength}, as Hyndman's F_S:
 * 1 - Var(remainder) / Var(residual), at least {@link #MIN_STRENGTH}).
 *
 * @param cycle week or year
 * @param seasons the seasons' names (Mon..Sun, Jan..Dec), in order
 * @param effects each season's mean departure from the line, in the column's unit ({@code null} for a season without
 *        data)
 */
public record Seasonality(String cycle, List<String> seasons, List<Double> effects, double strength, double pValue) {

    static final double SIGNIFICANCE = 0.05;
    static final double MIN_STRENGTH = 0.3;

    /** The season a period falls in, or -1 when the period has no seasonal cycle this can find. */
    static int season(LocalDate start, String period) {
        return switch (period) {
            case "day" -> start.getDayOfWeek().getValue() - 1;
            case "month" -> start.getMonthValue() - 1;
            default -> -1;
        };
    }

    /** The pattern of these periods around the fitted line, or {@code null} when there is none. */
    static Seasonality of(List<Trend.Point> points, String period, ToDoubleFunction<LocalDate> fitted) {
        int length = period.equals("day") ? 7 : period.equals("month") ? 12 : 0;
        if (length == 0 || points.size() < 2 * length) {
            return null;
        }
        double[] residuals = new double[points.size()];
        List<List<Double>> bySeason = new ArrayList<>();
        for (int s = 0; s < length; s++) {
            bySeason.add(new ArrayList<>());
        }
        for (int i = 0; i < points.size(); i++) {
            Trend.Point p = points.get(i);
            residuals[i] = p.mean() - fitted.applyAsDouble(p.start());
            bySeason.get(season(p.start(), period)).add(residuals[i]);
        }
        List<double[]> groups = bySeason.stream().filter(g -> g.size() >= 2)
                .map(g -> g.stream().mapToDouble(Double::doubleValue).toArray()).toList();
        if (groups.size() < 2) {
            return null;
        }
        double pValue = new OneWayAnova().anovaPValue(groups);
        List<Double> effects = bySeason.stream().map(g -> g.isEmpty() ? null
                : g.stream().mapToDouble(Double::doubleValue).average().orElseThrow()).toList();
        double[] remainders = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            remainders[i] = residuals[i] - effects.get(season(points.get(i).start(), period));
        }
        double strength = Math.max(0, 1 - variance(remainders) / variance(residuals));
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

    /** The seasons with the highest and the lowest effect. */
    public String highest() {
        return seasons.get(indexOf(true));
    }

    public String lowest() {
        return seasons.get(indexOf(false));
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

    private static double variance(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        return Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
    }
}
