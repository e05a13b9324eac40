package io.autoflow.analytics.csv;

import java.util.List;

/** What the statistical analysis of a table found: its shape and each column's statistics, in file order. */
public record DatasetStatistics(long rowCount, int columnCount, String delimiter, List<ColumnStatistics> columns) {
}
