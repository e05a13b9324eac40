package io.autoflow.analytics.stats;

import java.util.List;

/**
 * Counts of a numeric column's values in equal-width bins: bin {@code i} spans {@code [edges[i], edges[i+1])}, the
 * last one including its upper edge.
 */
public record Histogram(List<Double> edges, List<Long> counts) {

    /** Sturges' rule, capped so that a chart stays readable. */
    static int binsFor(long count) {
        return (int) Math.max(1, Math.min(30, Math.ceil(Math.log(Math.max(count, 1)) / Math.log(2)) + 1));
    }

    static Histogram of(double[] values, double min, double max) {
        int bins = min == max ? 1 : binsFor(values.length);
        double width = (max - min) / bins;
        Long[] counts = new Long[bins];
        java.util.Arrays.fill(counts, 0L);
        for (double v : values) {
            int bin = width == 0 ? 0 : (int) Math.min(bins - 1, Math.floor((v - min) / width));
            counts[bin]++;
        }
        Double[] edges = new Double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = i == bins ? max : min + i * width;
        }
        return new Histogram(List.of(edges), List.of(counts));
    }
}
