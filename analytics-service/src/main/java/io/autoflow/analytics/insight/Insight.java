package io.autoflow.analytics.insight;

import java.util.List;

/**
 * One finding, in words, about one table.
 *
 * @param kind what sort of finding: shape, correlation, association, trend, seasonality, missing, skew, dominant_value, anomaly, range
 * @param columns the columns it is about (none for the table's shape), so a report can show it with their chart
 */
public record Insight(String table, String kind, String text, List<String> columns) {
}
