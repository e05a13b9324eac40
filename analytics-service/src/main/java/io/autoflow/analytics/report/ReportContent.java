package io.autoflow.analytics.report;

import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.insight.Narrative;
import io.autoflow.analytics.quality.Alert;
import io.autoflow.analytics.stats.DocumentStatistics;
import java.util.List;

/** Everything the analysis found that a report shows; the narrative is absent when insights were not asked for. */
public record ReportContent(String documentName, DocumentStatistics statistics, Narrative narrative,
        List<Insight> insights, List<Alert> alerts) {
}
