package io.autoflow.analytics.stats;

import java.util.ArrayList;
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

    static Histogram of(double min, double max, double width, long[] counts) {
        List<Double> edges = new ArrayList<>();
        List<Long> binCounts = new ArrayList<>();
        for (int i = 0; i <= counts.length; i++) {
            edges.add(i == counts.length ? max : min + i * width);
        }
        for (long c : counts) {
            binCounts.add(c);
        }
        return new Histogram(List.copyOf(edges), List.copyOf(binCounts));
    }
}
