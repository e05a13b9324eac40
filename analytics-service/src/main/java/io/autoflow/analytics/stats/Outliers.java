package io.autoflow.analytics.stats;

import java.util.List;

/**
 * A numeric column's outliers by Tukey's far-out fences: values below {@code q1 - 3 IQR} or above {@code q3 + 3 IQR},
 * robust to the outliers themselves. {@code count} counts them all; {@code largest} lists the most extreme, each with
 * its data row (1 = the first row after the header) and a score: its distance beyond the fence in IQRs.
 */
public record Outliers(double low, double high, long count, List<Outlier> largest) {

    static final double FENCE = 3;
    static final int LISTED = 10;

    /** One unusual value. */
    public record Outlier(long row, double value, double score) {
    }
}
