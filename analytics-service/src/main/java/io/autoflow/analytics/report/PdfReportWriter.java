package io.autoflow.analytics.report;

import static io.autoflow.analytics.insight.Numbers.count;
import static io.autoflow.analytics.insight.Numbers.value;

import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.quality.Alert;
import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.Correlations;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.text.TextAnalysis;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Writes the analysis as a PDF with PDFBox: a first page with the summary and key findings, the running text (its
 * sections, key sentences, and the numbers and dates it states), then per table its
 * statistics, strongest correlations, data-quality alerts and charts, and page numbers. {@link PdfLayout} places the
 * text (wrapped, never cut; tables continue under their header); numbers are written by
 * {@link io.autoflow.analytics.insight.Numbers}. Text uses the Liberation Sans font PDFBox ships (Latin, Greek,
 * Cyrillic); characters it lacks are shown as "?".
 */
public final class PdfReportWriter implements ReportWriter {

    private static final float MARGIN = PdfLayout.MARGIN;
    private static final int KEY_FINDINGS = 8;

    @Override
    public ReportFormat format() {
        return ReportFormat.PDF;
    }

    @Override
    public byte[] write(ReportContent content, List<ReportSection> sections) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            PdfLayout layout = new PdfLayout(pdf);
            firstPage(layout, content, sections);
            if (content.statistics().text() != null && content.statistics().text().words() > 0) {
                text(layout, content.statistics().text().analysis());
            }
            for (ReportSection section : sections) {
                section(layout, section, content.alerts().stream()
                        .filter(a -> a.table().equals(section.table().name())).toList());
            }
            layout.numberPages();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private static void firstPage(PdfLayout layout, ReportContent report, List<ReportSection> sections)
            throws IOException {
        layout.newPage();
        layout.gap(30);
        layout.heading("Analysis report", 26);
        layout.heading(report.documentName(), 16);
        layout.paragraph("Generated " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm 'UTC'")) + " by Autoflow", 10, MARGIN);
        layout.gap(14);
        layout.heading("Summary", 16);
        for (String line : ReportText.summary(report, sections)) {
            layout.bullet(line, 11, MARGIN + 10);
        }
        if (report.narrative() != null && !report.narrative().text().isBlank()) {
            layout.gap(12);
            layout.heading("In short", 16);
            layout.paragraph(report.narrative().text(), 11, MARGIN);
        }
        List<Insight> findings = ReportText.keyFindings(report, KEY_FINDINGS);
        if (!findings.isEmpty()) {
            layout.gap(12);
            layout.heading("Key findings", 16);
            for (Insight insight : findings) {
                layout.bullet(insight.text(), 11, MARGIN + 10);
            }
        }
    }

    /** The running text: its size and language, sections, key sentences, and the numbers and dates it states. */
    private static void text(PdfLayout layout, TextAnalysis text) throws IOException {
        layout.part();
        layout.heading("The text", 18);
        layout.paragraph(ReportText.textSize(text) + ".", 10, MARGIN);
        layout.gap(4);
        if (!text.sections().isEmpty()) {
            layout.heading("Sections", 13);
            layout.table(List.of("section", "words"), new float[] {425, 70}, ReportText.sections(text));
        }
        if (!text.keySentences().isEmpty()) {
            layout.heading("Key sentences", 13);
            for (String sentence : text.keySentences()) {
                layout.bullet(sentence, 10, MARGIN + 10);
            }
            layout.gap(6);
        }
        if (!text.numbers().isEmpty()) {
            layout.heading("Numbers it states", 13);
            layout.table(List.of("number", "unit", "in the sentence"), new float[] {90, 70, 335},
                    ReportText.numbers(text));
        }
        if (!text.dates().isEmpty()) {
            layout.heading("Dates it names", 13);
            layout.table(List.of("date", "as written", "in the sentence"), new float[] {80, 90, 325},
                    ReportText.dates(text));
        }
    }

    private static void section(PdfLayout layout, ReportSection section, List<Alert> alerts) throws IOException {
        TableStatistics table = section.table();
        layout.part();
        layout.heading(table.name(), 18);
        layout.paragraph(ReportText.shape(table), 10, MARGIN);
        layout.gap(4);
        List<ColumnStatistics> numeric = table.columns().stream().filter(ColumnStatistics::isNumeric).toList();
        List<ColumnStatistics> other = table.columns().stream().filter(c -> !c.isNumeric()).toList();
        if (!numeric.isEmpty()) {
            layout.heading("Numeric columns", 13);
            layout.table(List.of("column", "type", "count", "missing", "mean", "std", "min", "median", "max"),
                    new float[] {103, 50, 45, 45, 54, 54, 54, 45, 45},
                    numeric.stream().map(c -> List.of(c.name(), c.type(), value(c.count()), value(c.missing()),
                            number(c.mean()), number(c.std()), number(c.min()), number(c.median()),
                            number(c.max()))).toList());
        }
        if (!other.isEmpty()) {
            layout.heading("Other columns", 13);
            layout.table(List.of("column", "type", "count", "missing", "distinct", "most frequent"),
                    new float[] {110, 50, 45, 45, 50, 195},
                    other.stream().map(c -> List.of(c.name(), c.type(), value(c.count()), value(c.missing()),
                            c.distinct() == null ? "" : value(c.distinct()), ReportText.topValues(c, 3))).toList());
        }
        Correlations correlations = table.correlations();
        if (correlations != null && !correlations.strongest().isEmpty()) {
            layout.heading("Strongest correlations" + (correlations.sampled() ? " (over a uniform sample of "
                    + count(correlations.rows(), "row") + ")" : ""), 13);
            layout.table(List.of("column", "column", "Pearson r", "Spearman rho", "rows"),
                    new float[] {150, 150, 70, 80, 45},
                    correlations.strongest().stream().map(p -> List.of(p.a(), p.b(), coefficient(p.pearson()),
                            coefficient(p.spearman()), value(p.rows()))).toList());
        }
        if (table.associations() != null && !table.associations().strongest().isEmpty()) {
            layout.heading("Strongest associations between categories (Cramér's V)", 13);
            layout.table(List.of("column", "column", "Cramér's V", "rows"), new float[] {170, 170, 80, 75},
                    table.associations().strongest().stream().map(p -> List.of(p.a(), p.b(),
                            coefficient(p.cramersV()), value(p.rows()))).toList());
        }
        if (!table.trends().isEmpty()) {
            layout.heading("Trends over " + table.trends().get(0).dateColumn(), 13);
            layout.table(List.of("column", "per", "periods", "slope per period", "change", "p-value", "pattern"),
                    new float[] {110, 40, 50, 80, 65, 60, 90},
                    table.trends().stream().map(t -> List.of(t.valueColumn(), t.period(),
                            value(t.points().size()), signed(t.slope()),
                            t.percentChange() == null ? "" : signed(t.percentChange()) + "%",
                            t.pValue() == null ? "" : pValue(t.pValue()),
                            t.seasonality() == null ? "" : t.seasonality().cycle() + "ly, strength "
                                    + value(t.seasonality().strength()))).toList());
        }
        List<List<String>> anomalies = anomalies(table);
        if (!anomalies.isEmpty()) {
            layout.heading("Anomalies", 13);
            layout.table(List.of("column", "where", "value", "expected", "score"),
                    new float[] {130, 100, 90, 130, 45}, anomalies);
        }
        if (!alerts.isEmpty()) {
            layout.heading("Data quality alerts", 13);
            layout.table(List.of("alert", "column", "details"), new float[] {95, 110, 290},
                    alerts.stream().map(a -> List.of(a.kind(), a.column() == null ? "" : a.column(),
                            a.message())).toList());
        }
        for (Chart chart : section.charts()) {
            layout.image(chart.png(), chart.title());
        }
    }

    private static String number(Double number) {
        return number == null ? "" : value(number);
    }

    /** Outliers per column (at most five each) and periods off their trend, as table rows. */
    private static List<List<String>> anomalies(TableStatistics table) {
        return ReportAnomaly.of(table).stream().map(a -> List.of(a.column(), a.where(), value(a.value()),
                a.period() ? "about " + value(a.expectedLow()) : value(a.expectedLow()) + " to "
                        + value(a.expectedHigh()), value(a.score()))).toList();
    }

    /** A signed value, so a direction reads at a glance: +0.49, −3.2. */
    private static String signed(double number) {
        String written = value(number);
        return number > 0 ? "+" + written : written;
    }

    /** A coefficient between −1 and 1, to three decimals as statistics tables print them. */
    private static String coefficient(double number) {
        return String.format(Locale.ROOT, "%+.3f", number).replace('-', io.autoflow.analytics.insight.Numbers.MINUS);
    }

    private static String pValue(double p) {
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }
}
