package io.autoflow.analytics.insight;

/**
 * One finding, in words, about one table.
 *
 * @param kind what sort of finding: shape, correlation, missing, skew, dominant_value, range
 */
public record Insight(String table, String kind, String text) {
}
