package io.autoflow.analytics.report;

import io.autoflow.analytics.stats.TableStatistics;
import java.util.List;

/** One table's numbers and charts, as a report shows them. */
public record ReportSection(TableStatistics table, List<Chart> charts) {
}
