package io.autoflow.analytics.stats;

import java.util.List;

/** The statistics of every table found in a document: one for a CSV, one per sheet with data for a workbook. */
public record DocumentStatistics(List<TableStatistics> tables) {
}
