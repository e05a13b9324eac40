package io.autoflow.analytics.service;

import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.Trend;
import java.util.List;

/**
 * The analyses a user asked for (the seed's {@code analysis_type}): statistical (correlations and data-quality alerts
 * on top of the descriptive statistics every job gets), trends, anomalies and insights. None named means all.
 */
public record AnalysisSelection(boolean statistical, boolean trends, boolean anomalies, boolean insights) {

    public static AnalysisSelection of(List<String> analyses) {
        if (analyses == null || analyses.isEmpty()) {
            return new AnalysisSelection(true, true, true, true);
        }
        return new AnalysisSelection(analyses.contains("statistical"), analyses.contains("trends"),
                analyses.contains("anomalies"), analyses.contains("insights"));
    }

    /** The statistics without what was not asked for, so that neither the result nor the report shows it. */
    public DocumentStatistics apply(DocumentStatistics document) {
        return new DocumentStatistics(document.tables().stream().map(this::apply).toList(), document.text());
    }

    private TableStatistics apply(TableStatistics table) {
        List<ColumnStatistics> columns = anomalies ? table.columns()
                : table.columns().stream().map(ColumnStatistics::withoutOutliers).toList();
        List<Trend> trendList = !trends ? List.of()
                : anomalies ? table.trends() : table.trends().stream().map(Trend::withoutAnomalies).toList();
        return new TableStatistics(table.name(), table.rowCount(), table.columnCount(), columns,
                statistical ? table.correlations() : null, statistical ? table.associations() : null, trendList, table.duplicateRows(),
                table.duplicatesCheckedRows());
    }
}
