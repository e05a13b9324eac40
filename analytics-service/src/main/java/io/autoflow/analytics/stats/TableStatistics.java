package io.autoflow.analytics.stats;

import java.util.List;

/** What the statistical analysis of one table found: its name (a sheet, or the file), shape and columns in order. */
public record TableStatistics(String name, long rowCount, int columnCount, List<ColumnStatistics> columns) {
}
