package io.autoflow.analytics.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;

/**
 * How often each value of a column occurs: counted exactly up to {@link #EXACT_LIMIT} distinct values (or
 * {@link #EXACT_CHARS} characters of them), then by two
 * Apache DataSketches sketches of fixed size: HyperLogLog for the distinct count (about 1% error) and a frequent-items
 * sketch for the most frequent values. A column with that many distinct values is an identifier or free text, whose
 * top values and balance matter little.
 */
final class ValueCounts {

    static final int EXACT_LIMIT = 10_000;
    static final long EXACT_CHARS = 2_000_000;
    private static final int HLL_LG_K = 14;
    private static final int FREQUENT_ITEMS_MAP = 2048;

    private Map<String, Long> exact = new HashMap<>();
    private HllSketch distinct;
    private ItemsSketch<String> frequent;
    private long total;
    private long chars;

    void add(String value) {
        total++;
        if (exact != null) {
            if (exact.merge(value, 1L, Long::sum) == 1) {
                chars += value.length();
            }
            if (exact.size() > EXACT_LIMIT || chars > EXACT_CHARS) {
                distinct = new HllSketch(HLL_LG_K);
                frequent = new ItemsSketch<>(FREQUENT_ITEMS_MAP);
                exact.forEach((v, n) -> {
                    distinct.update(v);
                    frequent.update(v, n);
                });
                exact = null;
            }
            return;
        }
        distinct.update(value);
        frequent.update(value);
    }

    boolean isEstimated() {
        return exact == null;
    }

    long distinct() {
        return exact != null ? exact.size() : Math.round(distinct.getEstimate());
    }

    /** The most frequent values, most frequent first, ties in value order. */
    List<ColumnStatistics.ValueCount> top(int limit) {
        List<ColumnStatistics.ValueCount> counts = new ArrayList<>();
        if (exact != null) {
            exact.forEach((v, n) -> counts.add(new ColumnStatistics.ValueCount(v, n)));
        } else {
            Arrays.stream(frequent.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES))
                    .forEach(row -> counts.add(new ColumnStatistics.ValueCount(row.getItem(), row.getEstimate())));
        }
        counts.sort(Comparator.comparingLong(ColumnStatistics.ValueCount::count).reversed()
                .thenComparing(ColumnStatistics.ValueCount::value));
        return counts.subList(0, Math.min(limit, counts.size()));
    }

    /**
     * 1 - normalised entropy of the value frequencies: 0 when values are evenly spread, near 1 when one dominates;
     * none for fewer than two values or once the counts are estimates.
     */
    Double imbalance() {
        if (exact == null || exact.size() < 2) {
            return null;
        }
        double entropy = 0;
        for (long n : exact.values()) {
            double p = (double) n / total;
            entropy -= p * Math.log(p);
        }
        return 1 - entropy / Math.log(exact.size());
    }
}
