package io.autoflow.analytics.stats;

/**
 * Accumulates one column's values as rows stream by, and infers its type: integer, decimal, boolean, date, or text
 * when the values fit none of those. Memory is bounded whatever the number of rows: moments are exact and kept as
 * running sums, while quantiles and value counts turn into sketches past a size (then the statistics say
 * {@code estimated}).
 */
public final class ColumnProfile {

    private static final int TOP_VALUES = 5;

    private final Moments numbers = new Moments();
    private final Quantiles distribution = new Quantiles();
    private final ValueCounts values = new ValueCounts();
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
        values.add(value);
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
            numbers.add(number);
            distribution.add(number);
            extremes.add(row, number);
            zeros += number == 0 ? 1 : 0;
        }
        return number;
    }

    public ColumnStatistics finish(String name) {
        String type = type();
        double missingShare = count + missing == 0 ? 0 : (double) missing / (count + missing);
        if (type.equals("integer") || type.equals("decimal")) {
            double q1 = distribution.quantile(0.25);
            double q3 = distribution.quantile(0.75);
            long n = numbers.count();
            return new ColumnStatistics(name, type, count, missing, missingShare, numbers.mean(),
                    finite(numbers.standardDeviation()), numbers.min(), q1, distribution.quantile(0.5), q3,
                    numbers.max(), finite(numbers.skewness()), finite(numbers.kurtosis()), values.distinct(), null,
                    distribution.histogram(numbers.min(), numbers.max(), n), quality(null), outliers(q1, q3, n),
                    distribution.isEstimated() || values.isEstimated());
        }
        return new ColumnStatistics(name, type, count, missing, missingShare, null, null, null, null, null, null,
                null, null, null, values.distinct(), values.top(TOP_VALUES), null, quality(values.imbalance()), null,
                values.isEstimated());
    }

    /** Tukey's far-out fences; a column whose middle half is a single value has none. */
    private Outliers outliers(double q1, double q3, long n) {
        double iqr = q3 - q1;
        if (iqr == 0) {
            return null;
        }
        double low = q1 - Outliers.FENCE * iqr;
        double high = q3 + Outliers.FENCE * iqr;
        return new Outliers(low, high, distribution.countOutside(low, high, n), extremes.outside(low, high, iqr));
    }

    private ColumnStatistics.Quality quality(Double imbalance) {
        return new ColumnStatistics.Quality(zeros, infinite, numberLike, dateLike,
                count == 0 ? 0 : minLength, maxLength, imbalance);
    }

    private String type() {
        if (count == 0) {
            return "empty";
        }
        if (integer) {
            return "integer";
        }
        if (decimal && numbers.count() > 0) {
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
}
