package io.autoflow.analytics.insight;

import static io.autoflow.analytics.insight.Numbers.count;
import static io.autoflow.analytics.insight.Numbers.percent;
import static io.autoflow.analytics.insight.Numbers.value;

import io.autoflow.analytics.stats.Associations;
import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.Seasonality;
import io.autoflow.analytics.stats.Correlations;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.Trend;
import io.autoflow.analytics.text.TextInsights;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the deterministic narrative of an analysis: short sentences built only from the numbers the engine computed
 * (no raw data, no model), most telling first within each table. It is what users get when no LLM is configured, and
 * the facts an LLM narrative would be grounded in.
 */
public final class InsightWriter {

    static final double STRONG_CORRELATION = 0.5;
    static final double SKEWED = 1.0;
    static final double DOMINANT_SHARE = 0.5;
    private static final int RANGES = 3;
    /** The largest change along a trend line said as a percentage. */
    static final double READABLE_CHANGE = 300;

    /** Each table's findings, then the running text's ({@link TextInsights}). */
    public List<Insight> write(DocumentStatistics statistics) {
        List<Insight> insights = new ArrayList<>();
        for (TableStatistics table : statistics.tables()) {
            insights.addAll(table(table));
        }
        insights.addAll(TextInsights.of(statistics.text()));
        return insights;
    }

    private List<Insight> table(TableStatistics table) {
        String name = table.name();
        List<Insight> found = new ArrayList<>();
        found.add(new Insight(name, "shape", name + " has " + count(table.rowCount(), "row") + " and "
                + count(table.columnCount(), "column") + ".", List.of()));
        Correlations correlations = table.correlations();
        if (correlations != null) {
            for (Correlations.Pair pair : correlations.strongest()) {
                if (Math.abs(pair.pearson()) >= STRONG_CORRELATION) {
                    found.add(new Insight(name, "correlation", pair.a() + " and " + pair.b() + " move "
                            + (pair.pearson() > 0 ? "together" : "in opposite directions") + " (Pearson r = "
                            + value(pair.pearson()) + " over " + count(pair.rows(), "row") + ").", List.of(pair.a(), pair.b())));
                }
            }
        }
        if (table.associations() != null) {
            for (Associations.Pair pair : table.associations().strongest()) {
                if (pair.cramersV() >= STRONG_CORRELATION) {
                    found.add(new Insight(name, "association", pair.a() + " and " + pair.b() + " go together"
                            + " (Cramér's V = " + value(pair.cramersV()) + " over " + count(pair.rows(), "row") + ").",
                            List.of(pair.a(), pair.b())));
                }
            }
        }
        for (Trend trend : table.trends()) {
            if (trend.isSignificant()) {
                found.add(new Insight(name, "trend", trend.valueColumn() + (trend.slope() > 0 ? " rises" : " falls")
                        + " over " + trend.dateColumn() + ": " + value(trend.slope()) + " per " + trend.period()
                        + " on average, " + alongTheLine(trend) + ".",
                        List.of(trend.valueColumn())));
            }
        }
        for (Trend trend : table.trends()) {
            Seasonality season = trend.seasonality();
            if (season != null) {
                boolean weekly = season.cycle().equals("week");
                String at = weekly ? " on " : " in ";
                found.add(new Insight(name, "seasonality", trend.valueColumn() + " follows a "
                        + (weekly ? "weekly" : "yearly") + " pattern around its trend, every " + count(season.length(),
                        season.lengthUnit()) + ": highest" + at + season.highest() + ", lowest" + at + season.lowest()
                        + ", about " + value(season.amplitude()) + " above and below the trend (seasonal strength "
                        + value(season.strength()) + ").", List.of(trend.valueColumn())));
            }
        }
        table.columns().stream().filter(c -> c.missing() > 0)
                .max(Comparator.comparingDouble(ColumnStatistics::missingShare))
                .ifPresent(c -> found.add(new Insight(name, "missing", c.name() + " is missing in "
                        + percent(c.missingShare()) + "% of rows (" + c.missing() + " of " + (c.count() + c.missing())
                        + ").", List.of(c.name()))));
        for (ColumnStatistics column : table.columns()) {
            if (column.skewness() != null && Math.abs(column.skewness()) >= SKEWED) {
                boolean right = column.skewness() > 0;
                found.add(new Insight(name, "skew", column.name() + " is skewed to the " + (right ? "right" : "left")
                        + " (skewness " + value(column.skewness()) + "): its median " + value(column.median())
                        + " is " + (right ? "below" : "above") + " its mean " + value(column.mean()) + ".",
                        List.of(column.name())));
            }
            if (column.topValues() != null && !column.topValues().isEmpty() && column.count() > 0) {
                ColumnStatistics.ValueCount top = column.topValues().get(0);
                double share = (double) top.count() / column.count();
                if (share > DOMINANT_SHARE && column.distinct() != null && column.distinct() > 1) {
                    found.add(new Insight(name, "dominant_value", "\"" + top.value() + "\" makes up " + percent(share)
                            + "% of " + column.name() + " (" + top.count() + " of " + column.count() + ").",
                            List.of(column.name())));
                }
            }
        }
        table.columns().stream().filter(c -> c.outliers() != null && c.outliers().count() > 0).limit(RANGES)
                .forEach(c -> {
                    var extreme = c.outliers().largest().get(0);
                    found.add(new Insight(name, "anomaly", c.name() + " has " + count(c.outliers().count(), "outlier")
                            + "; the most extreme is " + value(extreme.value()) + " on row " + extreme.row()
                            + " (expected between " + value(c.expectedLow()) + " and " + value(c.outliers().high())
                            + ").", List.of(c.name())));
                });
        table.columns().stream().filter(ColumnStatistics::isNumeric).limit(RANGES).forEach(c -> found.add(
                new Insight(name, "range", c.name() + " ranges from " + value(c.min()) + " to " + value(c.max())
                        + ", with a median of " + value(c.median()) + ".", List.of(c.name()))));
        return found;
    }

    /**
     * How far the fitted line goes: as a percentage when it runs between positive levels and the change is one a
     * person can picture (a line starting near zero makes "+7,229 %"), otherwise from one level to the other.
     */
    static String alongTheLine(Trend trend) {
        double from = trend.fitted(trend.points().get(0).start());
        double to = trend.fitted(trend.points().get(trend.points().size() - 1).start());
        Double change = trend.percentChange();
        if (change != null && from > 0 && to > 0 && Math.abs(change) <= READABLE_CHANGE) {
            return (change > 0 ? "+" : "") + percent(change / 100) + "% along the fitted line";
        }
        return "from " + value(from) + " to " + value(to) + " along the fitted line";
    }
}
