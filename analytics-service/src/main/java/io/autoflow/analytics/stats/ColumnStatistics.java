package io.autoflow.analytics.stats;

import java.util.List;

/**
 * Descriptive statistics of one column. Numeric columns (integer, decimal) carry mean, sample standard deviation,
 * min, quartiles (linear interpolation, as pandas' describe), max and a histogram; other columns carry the distinct
 * count and the most frequent values. Absent figures are {@code null}.
 */
public record ColumnStatistics(String name, String type, long count, long missing, Double mean, Double std,
        Double min, Double q1, Double median, Double q3, Double max, Long distinct, List<ValueCount> topValues,
        Histogram histogram) {

    public boolean isNumeric() {
        return mean != null;
    }

    public record ValueCount(String value, long count) {
    }
}
