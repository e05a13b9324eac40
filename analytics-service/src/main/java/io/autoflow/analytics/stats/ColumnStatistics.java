package io.autoflow.analytics.stats;

import java.util.List;

/**
 * Descriptive statistics of one column. Every column carries its type (integer, decimal, percent, currency, date,
 * boolean, category, text or empty) with the share of its values that fit it, its count, missing values (and their
 * share) and distinct count (cardinality). Numeric columns (integer, decimal, percent, currency) add mean, sample standard deviation, min,
 * quartiles (linear interpolation, as pandas' describe), max, skewness and excess kurtosis (bias-corrected, as
 * pandas' skew and kurt), a histogram and outliers; other columns add their most frequent values. Absent figures are
 * {@code null}. {@code estimated} says that quantiles, histogram, outlier count, distinct count or top values come
 * from sketches (a column too large to keep whole); counts, mean, std, min, max, skewness and kurtosis stay exact.
 */
public record ColumnStatistics(String name, String type, double typeShare, long count, long missing,
        double missingShare, Double mean, Double std, Double min, Double q1, Double median, Double q3, Double max, Double skewness, Double kurtosis,
        Long distinct, List<ValueCount> topValues, Histogram histogram, Quality quality, Outliers outliers,
        boolean estimated) {

    /**
     * What data-quality checks need: zero and infinite values, how many values read as numbers or dates (whatever the
     * column's type), the shortest and longest value, and for non-numeric columns the imbalance of their values.
     */
    public record Quality(long zeros, long infinite, long numberLike, long dateLike, int minLength, int maxLength,
            Double imbalance) {
    }

    public boolean isNumeric() {
        return mean != null;
    }

    /**
     * The lowest value the column is expected to hold: the outliers' lower fence, but never below zero for a column
     * without negative values (a count or a price cannot be expected at -2).
     */
    public double expectedLow() {
        return min != null && min >= 0 ? Math.max(0, outliers.low()) : outliers.low();
    }

    public ColumnStatistics withoutOutliers() {
        return new ColumnStatistics(name, type, typeShare, count, missing, missingShare, mean, std, min, q1, median, q3, max,
                skewness, kurtosis, distinct, topValues, histogram, quality, null, estimated);
    }

    public record ValueCount(String value, long count) {
    }
}
