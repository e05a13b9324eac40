package io.autoflow.analytics.stats;

import java.util.List;

/**
 * What the statistical analysis of one table found: its name (a sheet, or the file), shape, columns in order, the
 * correlations between its numeric columns ({@code null} with fewer than two), the associations between its
 * categorical columns ({@code null} with fewer than two), its numeric columns over time (when
 * it has a date column), and how many rows repeat an earlier
 * one among the first {@code duplicatesCheckedRows}.
 */
public record TableStatistics(String name, long rowCount, int columnCount, List<ColumnStatistics> columns,
        Correlations correlations, Associations associations, List<Trend> trends, long duplicateRows, long duplicatesCheckedRows) {
}
