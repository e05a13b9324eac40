package io.autoflow.analytics.stats;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The distribution of a numeric column: exact (every value kept, quartiles interpolated as pandas does) up to
 * {@link #EXACT_LIMIT} values, then a KLL sketch from Apache DataSketches whose memory stays a few kilobytes whatever
 * the number of values, at a rank error of about 0.7% (k = 400).
 */
final class Quantiles {

    static final int EXACT_LIMIT = 50_000;
    private static final int SKETCH_K = 400;

    private double[] values = new double[64];
    private int size;
    private KllDoublesSketch sketch;

    void add(double value) {
        if (sketch != null) {
            sketch.update(value);
            return;
        }
        if (size == EXACT_LIMIT) {
            sketch = KllDoublesSketch.newHeapInstance(SKETCH_K);
            for (int i = 0; i < size; i++) {
                sketch.update(values[i]);
            }
            values = null;
            sketch.update(value);
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.min(EXACT_LIMIT, size * 2));
        }
        values[size++] = value;
    }

    /** Whether the figures below are estimates from the sketch. */
    boolean isEstimated() {
        return sketch != null;
    }

    /** The quantile at {@code p} in [0, 1]. */
    double quantile(double p) {
        if (sketch != null) {
            return sketch.getQuantile(p, QuantileSearchCriteria.INCLUSIVE);
        }
        Percentile percentile = new Percentile().withEstimationType(EstimationType.R_7);
        percentile.setData(values, 0, size);
        return percentile.evaluate(p * 100);
    }

    /** How many values lie strictly below {@code low} or strictly above {@code high}. */
    long countOutside(double low, double high, long count) {
        if (sketch != null) {
            double below = sketch.getRank(low, QuantileSearchCriteria.EXCLUSIVE);
            double upTo = sketch.getRank(high, QuantileSearchCriteria.INCLUSIVE);
            return Math.round(count * (below + 1 - upTo));
        }
        long outside = 0;
        for (int i = 0; i < size; i++) {
            outside += values[i] < low || values[i] > high ? 1 : 0;
        }
        return outside;
    }

    /** Equal-width bins between min and max; from the sketch, each bin's count is its estimated mass times count. */
    Histogram histogram(double min, double max, long count) {
        int bins = min == max ? 1 : Histogram.binsFor(count);
        double width = (max - min) / bins;
        long[] counts = new long[bins];
        if (sketch == null) {
            for (int i = 0; i < size; i++) {
                counts[width == 0 ? 0 : (int) Math.min(bins - 1, Math.floor((values[i] - min) / width))]++;
            }
        } else if (bins == 1) {
            counts[0] = count;
        } else {
            double[] splits = new double[bins - 1];
            for (int i = 0; i < splits.length; i++) {
                splits[i] = min + (i + 1) * width;
            }
            double[] mass = sketch.getPMF(splits, QuantileSearchCriteria.EXCLUSIVE);
            for (int i = 0; i < bins; i++) {
                counts[i] = Math.round(mass[i] * count);
            }
        }
        return Histogram.of(min, max, width, counts);
    }
}
