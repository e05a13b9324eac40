package io.autoflow.analytics.report;

import io.autoflow.analytics.insight.Insight;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Picks the chart that shows a finding: one of its table's charts, of the sort that suits the finding's kind. */
final class ChartChoice {

    private ChartChoice() {
    }

    static Optional<Chart> forInsight(Insight insight, List<ReportSection> sections) {
        List<Chart> charts = sections.stream().filter(s -> s.table().name().equals(insight.table())).findFirst()
                .map(ReportSection::charts).orElse(List.of());
        return switch (insight.kind()) {
            case "correlation" -> about(charts, "scatter", insight.columns())
                    .or(() -> charts.stream().filter(c -> c.kind().equals("heatmap")).findFirst());
            case "trend" -> about(charts, "trend", insight.columns());
            case "seasonality" -> about(charts, "season", insight.columns())
                    .or(() -> about(charts, "trend", insight.columns()));
            case "skew", "range", "anomaly" -> about(charts, "histogram", insight.columns())
                    .or(() -> about(charts, "trend", insight.columns()));
            case "association" -> about(charts, "top_values", insight.columns().subList(0, 1));
            case "dominant_value", "missing" -> about(charts, "top_values", insight.columns())
                    .or(() -> about(charts, "histogram", insight.columns()));
            default -> Optional.empty();
        };
    }

    /** A chart of this sort about exactly these columns, in any order. */
    private static Optional<Chart> about(List<Chart> charts, String kind, List<String> columns) {
        return charts.stream().filter(c -> c.kind().equals(kind) && Set.copyOf(c.columns()).equals(
                Set.copyOf(columns))).findFirst();
    }
}
