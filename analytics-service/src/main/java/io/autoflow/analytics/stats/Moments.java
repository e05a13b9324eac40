package io.autoflow.analytics.stats;

/**
 * Count, mean, min, max and the second to fourth central moments of a stream of numbers, updated one value at a time
 * (Welford, extended to higher moments by Terriberry) so that nothing is kept per value. The sample standard
 * deviation, skewness and excess kurtosis use the same bias corrections as Commons Math and pandas.
 */
final class Moments {

    private long n;
    private double mean;
    private double m2;
    private double m3;
    private double m4;
    private double min = Double.NaN;
    private double max = Double.NaN;

    void add(double x) {
        long n1 = n;
        n++;
        double delta = x - mean;
        double deltaN = delta / n;
        double deltaN2 = deltaN * deltaN;
        double term1 = delta * deltaN * n1;
        mean += deltaN;
        m4 += term1 * deltaN2 * ((double) n * n - 3 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
        m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2;
        m2 += term1;
        min = n == 1 ? x : Math.min(min, x);
        max = n == 1 ? x : Math.max(max, x);
    }

    long count() {
        return n;
    }

    double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    double variance() {
        return n < 2 ? Double.NaN : m2 / (n - 1);
    }

    double standardDeviation() {
        return Math.sqrt(variance());
    }

    /** Adjusted Fisher-Pearson skewness; 0 for a constant column, NaN below three values. */
    double skewness() {
        if (n < 3) {
            return Double.NaN;
        }
        double variance = variance();
        if (variance < 1e-19) {
            return 0;
        }
        return n * m3 / ((n - 1.0) * (n - 2.0) * Math.sqrt(variance) * variance);
    }

    /** Bias-corrected excess kurtosis; 0 for a constant column, NaN below four values. */
    double kurtosis() {
        if (n < 4) {
            return Double.NaN;
        }
        double variance = variance();
        if (variance < 1e-19) {
            return 0;
        }
        double d = n;
        return (d * (d + 1) * m4 - 3 * m2 * m2 * (d - 1)) / ((d - 1) * (d - 2) * (d - 3) * variance * variance);
    }
}
