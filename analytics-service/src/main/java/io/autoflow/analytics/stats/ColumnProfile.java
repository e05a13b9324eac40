package io.autoflow.analytics.stats;

/**
 * Accumulates one column's values as rows stream by, and infers its type from the share of values that fit one: a
 * number ({@link #FIT} of the values; percent or currency when most are written so, else integer or decimal), a
 * boolean (all), a date ({@link #FIT}), a category (few distinct values), or text. The share is reported with the
 * type, and numeric statistics cover the values that are numbers. Memory is bounded whatever the number of rows: moments are exact and kept as
 * running sums, while quantiles and value counts turn into sketches past a size (then the statistics say
 * {@code estimated}).
 */
public final class ColumnProfile {

    private static final int TOP_VALUES = 5;
    /** The share of values that must read as numbers or dates for the column to be one. */
    static final double FIT = 0.95;
    /** A text column with at most this many distinct values, each repeated on average, is a category. */
    static final int CATEGORY_MAX_DISTINCT = 50;

    private final Moments numbers = new Moments();
    private final Quantiles distribution = new Quantiles();
    private final ValueCounts values = new ValueCounts();
    private final Extremes extremes = new Extremes(Outliers.LISTED);
    private long count;
    private long missing;
    private final NumberReader reader = new NumberReader();
    private long zeros;
    private long infinite;
    private long numberLike;
    private long integerLike;
    private long percentLike;
    private long currencyLike;
    private long dateLike;
    private long booleanLike;
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
        minLength = Math.min(minLength, value.length());
        maxLength = Math.max(maxLength, value.length());
        value = DocumentLimits.cell(value);
        values.add(value);
        booleanLike += ValueKinds.isBoolean(value) ? 1 : 0;
        if (ValueKinds.isInfinite(value)) {
            // A number, but one no statistic can use: counted, kept out of the moments.
            infinite++;
            return Double.NaN;
        }
        if (!reader.read(value)) {
            dateLike += ValueKinds.isDate(value) ? 1 : 0;
            return Double.NaN;
        }
        double number = reader.value();
        numberLike++;
        integerLike += reader.isInteger() ? 1 : 0;
        percentLike += reader.isPercent() ? 1 : 0;
        currencyLike += reader.isCurrency() ? 1 : 0;
        numbers.add(number);
        distribution.add(number);
        extremes.add(row, number);
        zeros += number == 0 ? 1 : 0;
        return number;
    }

    public ColumnStatistics finish(String name) {
        String type = type();
        double missingShare = count + missing == 0 ? 0 : (double) missing / (count + missing);
        double typeShare = count == 0 ? 0 : (double) fitting(type) / count;
        if (isNumeric(type)) {
            double q1 = distribution.quantile(0.25);
            double q3 = distribution.quantile(0.75);
            long n = numbers.count();
            return new ColumnStatistics(name, type, typeShare, count, missing, missingShare, numbers.mean(),
                    finite(numbers.standardDeviation()), numbers.min(), q1, distribution.quantile(0.5), q3,
                    numbers.max(), finite(numbers.skewness()), finite(numbers.kurtosis()), values.distinct(), null,
                    distribution.histogram(numbers.min(), numbers.max(), n), quality(null), outliers(q1, q3, n),
                    distribution.isEstimated() || values.isEstimated());
        }
        return new ColumnStatistics(name, type, typeShare, count, missing, missingShare, null, null, null, null, null,
                null,
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
        if (numberLike > 0 && numberLike + infinite >= FIT * count) {
            if (2 * percentLike >= numberLike) {
                return "percent";
            }
            if (2 * currencyLike >= numberLike) {
                return "currency";
            }
            return integerLike == numberLike ? "integer" : "decimal";
        }
        if (booleanLike == count) {
            return "boolean";
        }
        if (dateLike >= FIT * count) {
            return "date";
        }
        long distinct = values.distinct();
        return distinct <= CATEGORY_MAX_DISTINCT && 2 * distinct <= count ? "category" : "text";
    }

    static boolean isNumeric(String type) {
        return switch (type) {
            case "integer", "decimal", "percent", "currency" -> true;
            default -> false;
        };
    }

    /** How many values fit the type. */
    private long fitting(String type) {
        return switch (type) {
            case "integer", "decimal", "percent", "currency" -> numberLike + infinite;
            case "boolean" -> booleanLike;
            case "date" -> dateLike;
            default -> count;
        };
    }

    /** A moment that is undefined for so few values (e.g. the std of one value) is absent, not NaN. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
