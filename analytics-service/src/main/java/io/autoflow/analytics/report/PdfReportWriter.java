package io.autoflow.analytics.report;

import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.quality.Alert;
import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.Correlations;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.TextStatistics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.text.DecimalFormat;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes the analysis as a PDF with PDFBox: a title page with the summary and key findings, then per table its
 * statistics, strongest correlations, data-quality alerts and charts, and page numbers. Text uses the Liberation Sans font that PDFBox ships (Latin, Greek, Cyrillic); characters
 * it lacks are shown as "?".
 */
public final class PdfReportWriter implements ReportWriter {

    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MARGIN = 50;
    private static final float LINE = 14;
    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final DecimalFormat NUMBER = new DecimalFormat("#,##0.####");
    private static final int KEY_FINDINGS = 8;
    /** More characters than any line of the page can hold at the smallest size used. */
    private static final int MAX_LINE_CHARS = 400;

    @Override
    public ReportFormat format() {
        return ReportFormat.PDF;
    }

    @Override
    public byte[] write(ReportContent content, List<ReportSection> sections) throws IOException {
        try (PDDocument pdf = new PDDocument(); InputStream fontFile = PDDocument.class.getResourceAsStream(FONT)) {
            Writer writer = new Writer(pdf, PDType0Font.load(pdf, fontFile));
            writer.titlePage(content, sections);
            for (ReportSection section : sections) {
                writer.section(section, content.alerts().stream()
                        .filter(a -> a.table().equals(section.table().name())).toList());
            }
            writer.numberPages();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    /** Lays text, tables and images out top to bottom, starting a new page when one is full. */
    private static final class Writer {

        private final PDDocument pdf;
        private final PDFont font;
        private PDPageContentStream content;
        private float y;

        Writer(PDDocument pdf, PDFont font) {
            this.pdf = pdf;
            this.font = font;
        }

        void titlePage(ReportContent report, List<ReportSection> sections) throws IOException {
            String documentName = report.documentName();
            TextStatistics documentText = report.statistics().text();
            List<Insight> insights = report.insights();
            newPage();
            y -= 120;
            text("Analysis report", 26, MARGIN);
            y -= 16;
            text(documentName, 16, MARGIN);
            text("Generated " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm 'UTC'")) + " by Autoflow", 10, MARGIN);
            y -= 30;
            text("Summary", 16, MARGIN);
            if (documentText != null) {
                text("• Text: " + documentText.paragraphs() + " paragraphs, " + documentText.words() + " words", 11,
                        MARGIN + 10);
            }
            if (sections.isEmpty()) {
                text("• No tables found", 11, MARGIN + 10);
            }
            for (ReportSection section : sections) {
                TableStatistics table = section.table();
                long numeric = table.columns().stream().filter(ColumnStatistics::isNumeric).count();
                long missing = table.columns().stream().mapToLong(ColumnStatistics::missing).sum();
                text("• " + table.name() + ": " + table.rowCount() + " rows, " + table.columnCount() + " columns ("
                        + numeric + " numeric), " + missing + " missing values", 11, MARGIN + 10);
            }
            if (report.narrative() != null && !report.narrative().text().isBlank()) {
                y -= 20;
                text("In short", 16, MARGIN);
                paragraph(report.narrative().text(), 11, MARGIN);
            }
            List<Insight> findings = insights.stream().filter(i -> !i.kind().equals("shape")).limit(KEY_FINDINGS)
                    .toList();
            if (!findings.isEmpty()) {
                y -= 20;
                text("Key findings", 16, MARGIN);
                for (Insight insight : findings) {
                    paragraph("• " + insight.text(), 11, MARGIN + 10);
                }
            }
        }

        void section(ReportSection section, List<Alert> alerts) throws IOException {
            TableStatistics table = section.table();
            newPage();
            text(table.name(), 18, MARGIN);
            text(table.rowCount() + " rows, " + table.columnCount() + " columns", 10, MARGIN);
            y -= 8;
            List<ColumnStatistics> numeric = table.columns().stream().filter(ColumnStatistics::isNumeric).toList();
            List<ColumnStatistics> other = table.columns().stream().filter(c -> !c.isNumeric()).toList();
            if (!numeric.isEmpty()) {
                text("Numeric columns", 13, MARGIN);
                grid(List.of("column", "type", "count", "missing", "mean", "std", "min", "median", "max"),
                        new float[] {110, 50, 45, 45, 55, 55, 45, 50, 50},
                        numeric.stream().map(c -> List.of(c.name(), c.type(), count(c.count()), count(c.missing()),
                                number(c.mean()), number(c.std()), number(c.min()), number(c.median()),
                                number(c.max()))).toList());
            }
            if (!other.isEmpty()) {
                text("Other columns", 13, MARGIN);
                grid(List.of("column", "type", "count", "missing", "distinct", "most frequent"),
                        new float[] {110, 50, 45, 45, 50, 205},
                        other.stream().map(c -> List.of(c.name(), c.type(), count(c.count()), count(c.missing()),
                                c.distinct() == null ? "" : count(c.distinct()), top(c))).toList());
            }
            Correlations correlations = table.correlations();
            if (correlations != null && !correlations.strongest().isEmpty()) {
                text("Strongest correlations" + (correlations.sampled() ? " (over a uniform sample of "
                        + count(correlations.rows()) + " rows)" : ""), 13, MARGIN);
                grid(List.of("column", "column", "Pearson r", "Spearman rho", "rows"),
                        new float[] {150, 150, 70, 80, 55},
                        correlations.strongest().stream().map(p -> List.of(p.a(), p.b(), signed(p.pearson()),
                                signed(p.spearman()), count(p.rows()))).toList());
            }
            if (table.associations() != null && !table.associations().strongest().isEmpty()) {
                text("Strongest associations between categories (Cramér's V)", 13, MARGIN);
                grid(List.of("column", "column", "Cramér's V", "rows"), new float[] {170, 170, 80, 75},
                        table.associations().strongest().stream().map(p -> List.of(p.a(), p.b(),
                                String.format(java.util.Locale.ROOT, "%.3f", p.cramersV()), count(p.rows())))
                                .toList());
            }
            if (!table.trends().isEmpty()) {
                text("Trends over " + table.trends().get(0).dateColumn(), 13, MARGIN);
                grid(List.of("column", "per", "periods", "slope per period", "change", "p-value", "pattern"),
                        new float[] {110, 40, 50, 85, 65, 60, 95},
                        table.trends().stream().map(t -> List.of(t.valueColumn(), t.period(),
                                count(t.points().size()), signed(t.slope()),
                                t.percentChange() == null ? "" : signed(t.percentChange()) + "%",
                                t.pValue() == null ? "" : String.format(java.util.Locale.ROOT, "%.4f", t.pValue()),
                                t.seasonality() == null ? "" : t.seasonality().cycle() + "ly, strength "
                                        + String.format(java.util.Locale.ROOT, "%.2f", t.seasonality().strength())))
                                .toList());
            }
            List<List<String>> anomalies = anomalies(table);
            if (!anomalies.isEmpty()) {
                text("Anomalies", 13, MARGIN);
                grid(List.of("column", "where", "value", "expected", "score"), new float[] {130, 100, 90, 130, 45},
                        anomalies);
            }
            if (!alerts.isEmpty()) {
                text("Data quality alerts", 13, MARGIN);
                grid(List.of("alert", "column", "details"), new float[] {95, 110, 290},
                        alerts.stream().map(a -> List.of(a.kind(), a.column() == null ? "" : a.column(),
                                a.message())).toList());
            }
            for (Chart chart : section.charts()) {
                image(chart);
            }
        }

        void numberPages() throws IOException {
            close();
            int total = pdf.getNumberOfPages();
            for (int i = 0; i < total; i++) {
                try (PDPageContentStream footer = new PDPageContentStream(pdf, pdf.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String label = "Page " + (i + 1) + " of " + total;
                    footer.beginText();
                    footer.setFont(font, 9);
                    footer.newLineAtOffset(PAGE.getWidth() - MARGIN - width(label, 9), 25);
                    footer.showText(label);
                    footer.endText();
                }
            }
        }

        private void grid(List<String> header, float[] widths, List<List<String>> rows) throws IOException {
            row(header, widths, true);
            for (List<String> row : rows) {
                row(row, widths, false);
            }
            y -= 10;
        }

        private void row(List<String> cells, float[] widths, boolean header) throws IOException {
            ensureSpace(LINE + 4);
            y -= LINE;
            float x = MARGIN;
            float size = header ? 9 : 8.5f;
            for (int i = 0; i < cells.size(); i++) {
                String cell = fit(cells.get(i), widths[i] - 4, size);
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(x, y);
                content.showText(cell);
                content.endText();
                x += widths[i];
            }
            if (header) {
                content.moveTo(MARGIN, y - 3);
                content.lineTo(x, y - 3);
                content.stroke();
            }
        }

        private void image(Chart chart) throws IOException {
            PDImageXObject image = PDImageXObject.createFromByteArray(pdf, chart.png(), chart.title());
            float width = PAGE.getWidth() - 2 * MARGIN;
            float height = width * image.getHeight() / image.getWidth();
            ensureSpace(height + 10);
            y -= height;
            content.drawImage(image, MARGIN, y, width, height);
            y -= 10;
        }

        private void text(String text, float size, float x) throws IOException {
            ensureSpace(size + 6);
            y -= size;
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, y);
            content.showText(fit(text, PAGE.getWidth() - x - MARGIN, size));
            content.endText();
            y -= 6;
        }

        /** Text wrapped on word boundaries to the page width; each word is measured once. */
        private void paragraph(String text, float size, float x) throws IOException {
            float width = PAGE.getWidth() - x - MARGIN;
            float space = width(" ", size);
            StringBuilder line = new StringBuilder();
            float lineWidth = 0;
            for (String word : text.split(" ")) {
                String safe = printable(word);
                float wordWidth = width(safe, size);
                if (!line.isEmpty() && lineWidth + space + wordWidth > width) {
                    text(line.toString(), size, x);
                    line = new StringBuilder("  ").append(safe);
                    lineWidth = 2 * space + wordWidth;
                } else {
                    lineWidth += (line.isEmpty() ? 0 : space) + wordWidth;
                    line.append(line.isEmpty() ? "" : " ").append(safe);
                }
            }
            if (!line.isEmpty()) {
                text(line.toString(), size, x);
            }
        }

        private void ensureSpace(float needed) throws IOException {
            if (content == null || y - needed < MARGIN + 20) {
                newPage();
            }
        }

        private void newPage() throws IOException {
            close();
            PDPage page = new PDPage(PAGE);
            pdf.addPage(page);
            content = new PDPageContentStream(pdf, page);
            y = PAGE.getHeight() - MARGIN;
        }

        private void close() throws IOException {
            if (content != null) {
                content.close();
                content = null;
            }
        }

        /**
         * The text in characters the font has, shortened with an ellipsis to fit the width. Glyph widths add up, so
         * the cut is found in one pass; and no line holds more than {@link #MAX_LINE_CHARS} characters, so a longer
         * text is not even looked at past that.
         */
        private String fit(String text, float maxWidth, float size) throws IOException {
            boolean cut = text.length() > MAX_LINE_CHARS;
            String safe = printable(cut ? text.substring(0, MAX_LINE_CHARS) : text);
            if (!cut && width(safe, size) <= maxWidth) {
                return safe;
            }
            float room = maxWidth - width("…", size);
            float used = 0;
            int end = 0;
            while (end < safe.length()) {
                int next = safe.offsetByCodePoints(end, 1);
                used += width(safe.substring(end, next), size);
                if (used > room && end > 0) {
                    break;
                }
                end = next;
            }
            return safe.substring(0, end) + "…";
        }

        /** The text with "?" for each character the font cannot show. */
        private String printable(String text) {
            StringBuilder safe = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> safe.appendCodePoint(hasGlyph(cp) ? cp : '?'));
            return safe.toString();
        }

        private boolean hasGlyph(int codePoint) {
            if (Character.isISOControl(codePoint)) {
                return false;
            }
            try {
                font.encode(new String(Character.toChars(codePoint)));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }

        private float width(String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }
    }

    private static String number(Double value) {
        return value == null ? "" : NUMBER.format(value);
    }

    /** Outliers per column (at most five each) and periods off their trend, as table rows. */
    private static List<List<String>> anomalies(TableStatistics table) {
        return ReportAnomaly.of(table).stream().map(a -> List.of(a.column(), a.where(), number(a.value()),
                a.period() ? "about " + number(a.expectedLow()) : number(a.expectedLow()) + " to "
                        + number(a.expectedHigh()), number(a.score()))).toList();
    }

    private static String signed(Double value) {
        return value == null ? "" : String.format(java.util.Locale.ROOT, "%+.3f", value);
    }

    private static String count(long value) {
        return NUMBER.format(value);
    }

    private static String top(ColumnStatistics column) {
        if (column.topValues() == null || column.topValues().isEmpty()) {
            return "";
        }
        return String.join(", ", column.topValues().stream().limit(3)
                .map(v -> v.value() + " (" + v.count() + ")").toList());
    }

}
