package io.autoflow.analytics.report;

import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.Trend;
import java.util.ArrayList;
import java.util.List;

/**
 * One unusual value as every report lists it: an outlier of a column (its row, outside Tukey's fences) or a period
 * far off its trend (expected: the fitted line's value, given as both ends).
 */
record ReportAnomaly(String column, String where, double value, double expectedLow, double expectedHigh,
        double score, boolean period) {

    /** Per column its five most extreme outliers, then the periods off each trend. */
    static List<ReportAnomaly> of(TableStatistics table) {
        List<ReportAnomaly> found = new ArrayList<>();
        for (ColumnStatistics column : table.columns()) {
            if (column.outliers() != null) {
                column.outliers().largest().stream().limit(5).forEach(o -> found.add(new ReportAnomaly(column.name(),
                        "row " + o.row(), o.value(), column.expectedLow(), column.outliers().high(), o.score(), false)));
            }
        }
        for (Trend trend : table.trends()) {
            trend.anomalies().forEach(a -> found.add(new ReportAnomaly(trend.valueColumn(),
                    trend.period() + " " + a.start(), a.value(), a.expected(), a.expected(), a.score(), true)));
        }
        return found;
    }
}
