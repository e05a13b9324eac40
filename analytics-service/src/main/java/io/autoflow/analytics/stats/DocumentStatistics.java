package io.autoflow.analytics.stats;

import java.util.List;

/**
 * What a document holds: every table found (one for a CSV, one per sheet with data for a workbook, every table of a
 * Word document) and, for documents with running text, the size of that text.
 */
public record DocumentStatistics(List<TableStatistics> tables, TextStatistics text) {
}
