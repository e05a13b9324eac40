package io.autoflow.analytics.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * Accumulates one column's values as rows stream by, and infers its type: integer, decimal, boolean, date, or text
 * when the values fit none of those.
 */
public final class ColumnProfile {

    private static final int TOP_VALUES = 5;

    private final String name;
    private final DescriptiveStatistics numbers = new DescriptiveStatistics();
    private final Map<String, Long> frequencies = new HashMap<>();
    private final Extremes extremes = new Extremes(Outliers.LISTED);
    private long count;
    private long missing;
    private boolean integer = true;
    private boolean decimal = true;
    private boolean bool = true;
    private boolean date = true;
    private long zeros;
    private long infinite;
    private long numberLike;
    private long dateLike;
    private int minLength = Integer.MAX_VALUE;
    private int maxLength;

    public ColumnProfile(String name) {
        this.name = name;
    }

    /**
     * Adds the value of data row {@code row} (1 = the first row after the header).
     *
     * @return the value as a finite number, or NaN: parsed once here for every other use of the row
     */
    public double add(String raw, long row) {
        String value = raw == null ? "" : raw.trim();
        if (ValueKinds.isMissing(value)) {
            missing++;
            return Double.NaN;
        }
        count++;
        frequencies.merge(value, 1L, Long::sum);
        minLength = Math.min(minLength, value.length());
        maxLength = Math.max(maxLength, value.length());
        bool = bool && ValueKinds.isBoolean(value);
        if (ValueKinds.isInfinite(value)) {
            // A number, but one no statistic can use: counted, kept out of the moments.
            infinite++;
            integer = false;
            date = false;
            return Double.NaN;
        }
        boolean isNumber = ValueKinds.isDecimal(value);
        boolean isDate = !isNumber && ValueKinds.isDate(value);
        numberLike += isNumber ? 1 : 0;
        dateLike += isDate ? 1 : 0;
        integer = integer && isNumber && ValueKinds.isInteger(value);
        decimal = decimal && isNumber;
        date = date && isDate;
        if (!isNumber) {
            return Double.NaN;
        }
        double number = Double.parseDouble(value);
        if (decimal) {
            numbers.addValue(number);
            extremes.add(row, number);
            zeros += number == 0 ? 1 : 0;
        }
        return number;
    }

    public ColumnStatistics finish() {
        String type = type();
        double missingShare = count + missing == 0 ? 0 : (double) missing / (count + missing);
        if (type.equals("integer") || type.equals("decimal")) {
            Percentile quartiles = new Percentile().withEstimationType(EstimationType.R_7);
            quartiles.setData(numbers.getValues());
            double q1 = quartiles.evaluate(25);
            double q3 = quartiles.evaluate(75);
            return new ColumnStatistics(name, type, count, missing, missingShare, numbers.getMean(),
                    finite(numbers.getStandardDeviation()), numbers.getMin(), q1, quartiles.evaluate(50), q3,
                    numbers.getMax(), finite(numbers.getSkewness()), finite(numbers.getKurtosis()),
                    (long) frequencies.size(), null, Histogram.of(numbers.getValues(), numbers.getMin(),
                            numbers.getMax()), quality(null), outliers(q1, q3));
        }
        return new ColumnStatistics(name, type, count, missing, missingShare, null, null, null, null, null, null,
                null, null, null, (long) frequencies.size(), topValues(), null, quality(imbalance()), null);
    }

    /** Tukey's far-out fences; a column whose middle half is a single value has none. */
    private Outliers outliers(double q1, double q3) {
        double iqr = q3 - q1;
        if (iqr == 0) {
            return null;
        }
        double low = q1 - Outliers.FENCE * iqr;
        double high = q3 + Outliers.FENCE * iqr;
        long outside = java.util.Arrays.stream(numbers.getValues()).filter(v -> v < low || v > high).count();
        return new Outliers(low, high, outside, extremes.outside(low, high, iqr));
    }

    private ColumnStatistics.Quality quality(Double imbalance) {
        return new ColumnStatistics.Quality(zeros, infinite, numberLike, dateLike,
                count == 0 ? 0 : minLength, maxLength, imbalance);
    }

    /** 1 - normalised entropy of the value frequencies: 0 when values are evenly spread, near 1 when one dominates. */
    private Double imbalance() {
        int k = frequencies.size();
        if (k < 2) {
            return null;
        }
        double entropy = 0;
        for (long n : frequencies.values()) {
            double p = (double) n / count;
            entropy -= p * Math.log(p);
        }
        return 1 - entropy / Math.log(k);
    }

    private String type() {
        if (count == 0) {
            return "empty";
        }
        if (integer) {
            return "integer";
        }
        if (decimal && numbers.getN() > 0) {
            return "decimal";
        }
        if (bool) {
            return "boolean";
        }
        return date ? "date" : "text";
    }

    /** A moment that is undefined for so few values (e.g. the std of one value) is absent, not NaN. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private List<ColumnStatistics.ValueCount> topValues() {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(frequencies.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return entries.stream().limit(TOP_VALUES)
                .map(e -> new ColumnStatistics.ValueCount(e.getKey(), e.getValue())).toList();
    }
}
