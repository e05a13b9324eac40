package io.autoflow.analytics.quality;

import static io.autoflow.analytics.insight.Numbers.count;
import static io.autoflow.analytics.insight.Numbers.percent;
import static io.autoflow.analytics.insight.Numbers.value;

import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.Correlations;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.analytics.stats.Histogram;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.Trend;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Raises the data-quality alerts ydata-profiling raises, from the computed statistics alone. Thresholds follow
 * ydata-profiling where it has one (high correlation 0.9, high cardinality 50, imbalance 0.5, uniform p 0.999) and
 * common practice elsewhere (skewness beyond ±2, zeros and missing beyond 10% and 5%).
 */
public final class AlertFinder {

    static final double HIGH_CORRELATION = 0.9;
    static final long HIGH_CARDINALITY = 50;
    static final double IMBALANCE = 0.5;
    static final double UNIFORM_P = 0.999;
    static final double SKEWED = 2;
    static final double ZEROS_SHARE = 0.1;
    static final double MISSING_SHARE = 0.05;
    static final double WRONG_TYPE_SHARE = 0.9;
    private static final int MIN_ROWS_FOR_DISTRIBUTION = 30;

    public List<Alert> find(DocumentStatistics document) {
        List<Alert> alerts = new ArrayList<>();
        for (TableStatistics table : document.tables()) {
            table(table, alerts);
        }
        return alerts;
    }

    private static void table(TableStatistics table, List<Alert> alerts) {
        String t = table.name();
        if (table.rowCount() == 0) {
            alerts.add(new Alert(t, null, "empty", t + " has no rows"));
            return;
        }
        if (table.duplicateRows() > 0) {
            long repeated = table.duplicateRows();
            alerts.add(new Alert(t, null, "duplicates", count(repeated, "row") + (repeated == 1 ? " repeats"
                    : " repeat") + " an earlier row (" + percent((double) repeated / table.duplicatesCheckedRows())
                    + "% of the " + count(table.duplicatesCheckedRows(), "row") + " checked)"));
        }
        Correlations correlations = table.correlations();
        if (correlations != null) {
            correlations.strongest().stream().filter(p -> Math.abs(p.pearson()) > HIGH_CORRELATION).forEach(p ->
                    alerts.add(new Alert(t, p.a(), "high_correlation", p.a() + " is highly correlated with " + p.b()
                            + " (Pearson r = " + value(p.pearson()) + ")")));
        }
        if (table.associations() != null) {
            table.associations().strongest().stream().filter(p -> p.cramersV() > HIGH_CORRELATION).forEach(p ->
                    alerts.add(new Alert(t, p.a(), "high_correlation", p.a() + " is highly associated with " + p.b()
                            + " (Cramér's V = " + value(p.cramersV()) + ")")));
        }
        table.trends().stream().filter(Trend::isSignificant).forEach(trend -> alerts.add(new Alert(t,
                trend.valueColumn(), "non_stationary", trend.valueColumn() + " drifts over " + trend.dateColumn()
                + " (significant trend): its average is not stable over time")));
        table.trends().stream().filter(trend -> trend.seasonality() != null).forEach(trend -> alerts.add(
                new Alert(t, trend.valueColumn(), "seasonal", trend.valueColumn() + " repeats a "
                        + (trend.seasonality().cycle().equals("week") ? "weekly" : "yearly") + " pattern, about "
                        + value(trend.seasonality().amplitude()) + " above and below its trend (seasonal strength "
                        + value(trend.seasonality().strength()) + ")")));
        for (ColumnStatistics column : table.columns()) {
            column(t, column, alerts);
        }
    }

    private static void column(String t, ColumnStatistics c, List<Alert> alerts) {
        String name = c.name();
        ColumnStatistics.Quality q = c.quality();
        if (c.count() == 0) {
            alerts.add(new Alert(t, name, "empty", name + " has no values"));
            return;
        }
        if (c.missingShare() > MISSING_SHARE) {
            alerts.add(new Alert(t, name, "missing", name + " is missing in " + percent(c.missingShare())
                    + "% of rows"));
        }
        if (c.distinct() != null && c.distinct() == 1 && q.infinite() == 0) {
            alerts.add(new Alert(t, name, "constant", name + " has a single value"));
            return;
        }
        if (c.distinct() != null && c.distinct() == c.count() && c.count() > 1) {
            alerts.add(new Alert(t, name, "unique", name + " has a different value on every row"));
        }
        if (q.infinite() > 0) {
            alerts.add(new Alert(t, name, "infinite", name + " has " + count(q.infinite(), "infinite value")));
        }
        if (c.typeShare() < 1 && (c.isNumeric() || c.type().equals("date"))) {
            long off = Math.round((1 - c.typeShare()) * c.count());
            alerts.add(new Alert(t, name, "mixed_type", name + " reads as " + c.type() + ", but " + count(off, "value")
                    + " (" + percent(1 - c.typeShare()) + "%) do" + (off == 1 ? "es" : "")
                    + " not and " + (off == 1 ? "is" : "are") + " left out of its statistics"));
        }
        if (c.isNumeric()) {
            numeric(t, c, alerts);
        } else {
            other(t, c, alerts);
        }
    }

    private static void numeric(String t, ColumnStatistics c, List<Alert> alerts) {
        double zeros = (double) c.quality().zeros() / c.count();
        if (zeros > ZEROS_SHARE) {
            alerts.add(new Alert(t, c.name(), "zeros", c.name() + " is zero in " + percent(zeros) + "% of values"));
        }
        if (c.skewness() != null && Math.abs(c.skewness()) > SKEWED) {
            alerts.add(new Alert(t, c.name(), "skewed", c.name() + " is highly skewed (skewness "
                    + value(c.skewness()) + ")"));
        }
        if (c.count() >= MIN_ROWS_FOR_DISTRIBUTION && isUniform(c.histogram())) {
            alerts.add(new Alert(t, c.name(), "uniform", c.name() + " is uniformly distributed"));
        }
    }

    private static void other(String t, ColumnStatistics c, List<Alert> alerts) {
        ColumnStatistics.Quality q = c.quality();
        if (c.type().equals("text") && c.distinct() > HIGH_CARDINALITY && c.distinct() < c.count()) {
            alerts.add(new Alert(t, c.name(), "high_cardinality", c.name() + " has "
                    + count(c.distinct(), "distinct value")));
        }
        if (q.imbalance() != null && q.imbalance() > IMBALANCE) {
            alerts.add(new Alert(t, c.name(), "imbalance", c.name() + " is highly imbalanced (imbalance "
                    + value(q.imbalance()) + ")"));
        }
        boolean textual = c.type().equals("text") || c.type().equals("category");
        if (textual && c.distinct() > 1 && q.minLength() == q.maxLength()) {
            alerts.add(new Alert(t, c.name(), "constant_length", "every value of " + c.name() + " has "
                    + count(q.minLength(), "character")));
        }
        if (textual) {
            double numbers = (double) q.numberLike() / c.count();
            double dates = (double) q.dateLike() / c.count();
            if (numbers >= WRONG_TYPE_SHARE || dates >= WRONG_TYPE_SHARE) {
                String kind = numbers >= WRONG_TYPE_SHARE ? "numbers" : "dates";
                alerts.add(new Alert(t, c.name(), "wrong_type", c.name() + " holds " + kind + " stored as text ("
                        + percent(Math.max(numbers, dates)) + "% of values read as " + kind + ")"));
            }
        }
    }

    /** A chi-square test of the histogram against equal bin counts, as ydata-profiling does. */
    private static boolean isUniform(Histogram histogram) {
        if (histogram == null || histogram.counts().size() < 2) {
            return false;
        }
        long[] observed = histogram.counts().stream().mapToLong(Long::longValue).toArray();
        double total = java.util.Arrays.stream(observed).sum();
        double[] expected = new double[observed.length];
        java.util.Arrays.fill(expected, total / observed.length);
        return new ChiSquareTest().chiSquareTest(expected, observed) > UNIFORM_P;
    }
}
