package io.autoflow.analytics.report;

import static io.autoflow.analytics.insight.Numbers.count;

import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.insight.Numbers;
import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.TextStatistics;
import io.autoflow.analytics.text.TextAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What every report format says the same way: the summary's lines, a table's size, the findings and their charts. */
final class ReportText {

    /** A value quoted from the document in a list of values: long enough to recognise, short enough to list. */
    private static final int QUOTED_CHARS = 60;

    private ReportText() {
    }

    /** "48 rows, 7 columns". */
    static String shape(TableStatistics table) {
        return count(table.rowCount(), "row") + ", " + count(table.columnCount(), "column");
    }

    /** The summary: the text's size, then each table's size (or that there is none). */
    static List<String> summary(ReportContent content, List<ReportSection> sections) {
        List<String> lines = new ArrayList<>();
        TextStatistics text = content.statistics().text();
        if (text != null) {
            lines.add(textSize(text.analysis()));
        }
        for (ReportSection section : sections) {
            TableStatistics table = section.table();
            long numeric = table.columns().stream().filter(ColumnStatistics::isNumeric).count();
            long missing = table.columns().stream().mapToLong(ColumnStatistics::missing).sum();
            lines.add(table.name() + ": " + shape(table) + " (" + numeric + " numeric), "
                    + count(missing, "missing value"));
        }
        if (sections.isEmpty()) {
            lines.add(text != null && text.words() > 0 ? "No tables: the document is read as text"
                    : "No tables found");
        }
        return lines;
    }

    /** "Text: 2,474 words in 63 paragraphs, in English, about 11 minutes to read". */
    static String textSize(TextAnalysis text) {
        String language = text.languageName();
        return "Text: " + count(text.words(), "word") + " in " + count(text.paragraphs(), "paragraph")
                + (language == null ? "" : ", in " + language) + (text.words() == 0 ? ""
                : ", about " + count(Math.max(1, text.readingMinutes()), "minute") + " to read");
    }

    /** The text's sections, numbers and dates as table rows (its key sentences are findings). */
    static List<List<String>> sections(TextAnalysis text) {
        return text.sections().stream().map(s -> List.of(s.title(), Numbers.value(s.words()))).toList();
    }

    static List<List<String>> numbers(TextAnalysis text) {
        return text.numbers().stream().map(n -> List.of(n.text(), n.unit() == null ? "" : n.unit(),
                n.sentence())).toList();
    }

    static List<List<String>> dates(TextAnalysis text) {
        return text.dates().stream().map(d -> List.of(d.value(), d.text(), d.sentence())).toList();
    }

    /** The findings a report leads with: every insight but a table's size, most telling first. */
    static List<Insight> keyFindings(ReportContent content, int max) {
        return content.insights().stream().filter(i -> !i.kind().equals("shape")).limit(max).toList();
    }

    /**
     * Findings grouped by the chart that shows them, in the order of their first finding, so that no chart is shown
     * twice; findings no chart shows come last, under no chart.
     */
    static List<ChartedFindings> byChart(List<Insight> findings, List<ReportSection> sections) {
        Map<Chart, List<Insight>> charted = new LinkedHashMap<>();
        List<Insight> uncharted = new ArrayList<>();
        for (Insight finding : findings) {
            Optional<Chart> chart = ChartChoice.forInsight(finding, sections);
            if (chart.isPresent()) {
                charted.computeIfAbsent(chart.get(), c -> new ArrayList<>()).add(finding);
            } else {
                uncharted.add(finding);
            }
        }
        List<ChartedFindings> groups = new ArrayList<>();
        charted.forEach((chart, group) -> groups.add(new ChartedFindings(chart, List.copyOf(group))));
        if (!uncharted.isEmpty()) {
            groups.add(new ChartedFindings(null, List.copyOf(uncharted)));
        }
        return groups;
    }

    /** Findings and the one chart that shows them all ({@code null} for findings without a chart). */
    record ChartedFindings(Chart chart, List<Insight> findings) {
    }

    /** A column's most frequent values with their counts: "Gizmo (18), Widget (17)". */
    static String topValues(ColumnStatistics column, int max) {
        if (column.topValues() == null || column.topValues().isEmpty()) {
            return "";
        }
        return String.join(", ", column.topValues().stream().limit(max)
                .map(v -> quoted(v.value()) + " (" + Numbers.value(v.count()) + ")").toList());
    }

    private static String quoted(String value) {
        return value.length() <= QUOTED_CHARS ? value : value.substring(0, QUOTED_CHARS - 1) + "…";
    }
}
