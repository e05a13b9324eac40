package io.autoflow.analytics.quality;

/**
 * A data-quality warning about a table or one of its columns.
 *
 * @param column the column concerned, or {@code null} for the whole table
 * @param kind a stable code: constant, zeros, high_correlation, high_cardinality, duplicates, skewed, imbalance,
 *        missing, infinite, unique, uniform, constant_length, wrong_type, mixed_type, empty, non_stationary, seasonal
 */
public record Alert(String table, String column, String kind, String message) {
}
