package io.autoflow.analytics.report;

import java.util.List;

/**
 * A rendered chart: what sort it is (heatmap, trend, scatter, histogram, top_values), what it shows, the columns it
 * is about (so a finding about a column can be shown with its chart) and its PNG bytes.
 */
public record Chart(String kind, String title, List<String> columns, byte[] png) {
}
