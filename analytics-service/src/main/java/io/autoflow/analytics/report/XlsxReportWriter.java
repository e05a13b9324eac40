package io.autoflow.analytics.report;

import io.autoflow.analytics.insight.Insight;
import io.autoflow.analytics.insight.Numbers;
import io.autoflow.analytics.quality.Alert;
import io.autoflow.analytics.stats.Associations;
import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.Correlations;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.analytics.stats.Trend;
import io.autoflow.analytics.text.TextAnalysis;
import io.autoflow.tabular.FormulaInjection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFClientAnchor;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the analysis as an XLSX workbook with POI: a summary sheet (tables, key findings, data-quality alerts), a
 * text sheet for a document with running text (sections, key sentences, numbers and dates it states), then
 * statistics, correlations, trends and anomalies sheets with one row per item (numbers as numbers, so they sort and
 * chart), and the charts as pictures. Text from the user's document (column names, values, sheet names) is always a
 * text cell, and one that a spreadsheet could read as a formula ({@code = + - @}, tab, carriage return) also carries
 * Excel's quote prefix, so no spreadsheet runs it, even when it is edited or copied.
 */
public final class XlsxReportWriter implements ReportWriter {

    private static final int MAX_WIDTH_CHARS = 60;
    /** Rows a chart takes on the charts sheet (800 x 460 px at the default 20 px row height, plus a gap). */
    private static final int CHART_ROWS = 25;

    @Override
    public ReportFormat format() {
        return ReportFormat.EXCEL;
    }

    @Override
    public byte[] write(ReportContent content, List<ReportSection> sections) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Cells cells = new Cells(workbook);
            summary(cells, content, sections);
            if (content.statistics().text() != null && content.statistics().text().words() > 0) {
                text(cells, content.statistics().text().analysis());
            }
            statistics(cells, sections);
            correlations(cells, sections);
            trends(cells, sections);
            anomalies(cells, sections);
            charts(workbook, sections);
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static void summary(Cells cells, ReportContent content, List<ReportSection> sections) {
        Sheet sheet = cells.sheet("Summary", "item", "value");
        sheet.row(List.of("document", content.documentName()));
        if (content.narrative() != null) {
            sheet.row(List.of("in short", content.narrative().text()));
        }
        if (content.statistics().text() != null) {
            sheet.row(List.of("text", Numbers.count(content.statistics().text().paragraphs(), "paragraph") + ", "
                    + Numbers.count(content.statistics().text().words(), "word")));
        }
        for (ReportSection section : sections) {
            sheet.row(List.of("table " + section.table().name(), ReportText.shape(section.table())));
        }
        sheet.blank();
        sheet.header("table", "finding");
        for (Insight insight : content.insights()) {
            sheet.row(List.of(insight.table(), insight.text()));
        }
        sheet.blank();
        sheet.header("table", "column", "alert", "details");
        for (Alert alert : content.alerts()) {
            sheet.row(Arrays.asList(alert.table(), alert.column(), alert.kind(), alert.message()));
        }
        sheet.finish();
    }

    /** The running text's sections, and the numbers and dates it states with their sentences. */
    private static void text(Cells cells, TextAnalysis text) {
        Sheet sheet = cells.sheet("Text", "item", "value", "in the sentence", "number");
        sheet.row(List.of("size", ReportText.textSize(text)));
        text.sections().forEach(s -> sheet.row(Arrays.asList("section", s.title(), null, s.words())));
        text.keySentences().forEach(k -> sheet.row(List.of("key sentence", k)));
        text.numbers().forEach(n -> sheet.row(Arrays.asList("number", n.text(), n.sentence(), n.value())));
        text.dates().forEach(d -> sheet.row(List.of("date", d.value(), d.sentence())));
        sheet.finish();
    }

    private static void statistics(Cells cells, List<ReportSection> sections) {
        Sheet sheet = cells.sheet("Statistics", "table", "column", "type", "count", "missing", "missing share",
                "distinct", "mean", "std", "min", "q1", "median", "q3", "max", "skewness", "kurtosis",
                "most frequent", "estimated");
        for (ReportSection section : sections) {
            for (ColumnStatistics c : section.table().columns()) {
                sheet.row(Arrays.asList(section.table().name(), c.name(), c.type(), c.count(), c.missing(),
                        c.missingShare(), c.distinct(), c.mean(), c.std(), c.min(), c.q1(), c.median(), c.q3(),
                        c.max(), c.skewness(), c.kurtosis(), topValues(c), c.estimated() ? "yes" : "no"));
            }
        }
        sheet.finish();
    }

    private static void correlations(Cells cells, List<ReportSection> sections) {
        Sheet sheet = cells.sheet("Correlations", "table", "column", "column", "Pearson r", "Spearman rho",
                "Cramér's V", "rows");
        for (ReportSection section : sections) {
            Correlations correlations = section.table().correlations();
            if (correlations != null) {
                for (Correlations.Pair pair : correlations.strongest()) {
                    sheet.row(Arrays.asList(section.table().name(), pair.a(), pair.b(), pair.pearson(),
                            pair.spearman(), null, pair.rows()));
                }
            }
            Associations associations = section.table().associations();
            if (associations != null) {
                for (Associations.Pair pair : associations.strongest()) {
                    sheet.row(Arrays.asList(section.table().name(), pair.a(), pair.b(), null, null,
                            pair.cramersV(), pair.rows()));
                }
            }
        }
        sheet.finish();
    }

    private static void trends(Cells cells, List<ReportSection> sections) {
        Sheet sheet = cells.sheet("Trends", "table", "date column", "column", "per", "periods", "slope per period",
                "change %", "p-value", "seasonal cycle", "seasonal strength");
        for (ReportSection section : sections) {
            for (Trend t : section.table().trends()) {
                sheet.row(Arrays.asList(section.table().name(), t.dateColumn(), t.valueColumn(), t.period(),
                        t.points().size(), t.slope(), t.percentChange(), t.pValue(),
                        t.seasonality() == null ? null : t.seasonality().cycle(),
                        t.seasonality() == null ? null : t.seasonality().strength()));
            }
        }
        sheet.finish();
    }

    private static void anomalies(Cells cells, List<ReportSection> sections) {
        Sheet sheet = cells.sheet("Anomalies", "table", "column", "where", "value", "expected from", "expected to",
                "score");
        for (ReportSection section : sections) {
            for (ReportAnomaly a : ReportAnomaly.of(section.table())) {
                sheet.row(Arrays.asList(section.table().name(), a.column(), a.where(), a.value(), a.expectedLow(),
                        a.expectedHigh(), a.score()));
            }
        }
        sheet.finish();
    }

    private static void charts(XSSFWorkbook workbook, List<ReportSection> sections) {
        XSSFSheet sheet = workbook.createSheet("Charts");
        XSSFDrawing drawing = sheet.createDrawingPatriarch();
        int row = 0;
        for (ReportSection section : sections) {
            for (Chart chart : section.charts()) {
                int picture = workbook.addPicture(chart.png(), Workbook.PICTURE_TYPE_PNG);
                XSSFClientAnchor anchor = drawing.createAnchor(0, 0, 0, 0, 0, row, 12, row + CHART_ROWS - 2);
                anchor.setAnchorType(ClientAnchor.AnchorType.MOVE_DONT_RESIZE);
                drawing.createPicture(anchor, picture);
                row += CHART_ROWS;
            }
        }
    }

    private static String topValues(ColumnStatistics column) {
        return column.topValues() == null ? null : ReportText.topValues(column, column.topValues().size());
    }

    /** Creates sheets and their styles once per workbook. */
    private static final class Cells {

        private final XSSFWorkbook workbook;
        private final CellStyle header;
        private final CellStyle quoted;
        private final CellStyle wrapped;
        private final Map<String, CellStyle> numbers = new HashMap<>();

        Cells(XSSFWorkbook workbook) {
            this.workbook = workbook;
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            quoted = workbook.createCellStyle();
            quoted.setQuotePrefixed(true);
            quoted.setWrapText(true);
            wrapped = workbook.createCellStyle();
            wrapped.setWrapText(true);
            wrapped.setVerticalAlignment(VerticalAlignment.TOP);
        }

        /**
         * The display of a number, as {@link Numbers} writes it: whole and grouped from 1,000 (and for whole
         * numbers), two decimals from 1, two significant digits below (0.00063); the cell keeps every digit.
         */
        CellStyle number(double value) {
            double magnitude = Math.abs(value);
            String format;
            if (magnitude >= 1000 || magnitude == Math.rint(magnitude)) {
                format = "#,##0";
            } else if (magnitude >= 1) {
                format = "#,##0.00";
            } else {
                int decimals = Math.min(15, 1 - (int) Math.floor(Math.log10(magnitude)));
                format = "0." + "0".repeat(decimals);
            }
            return numbers.computeIfAbsent(format, f -> {
                CellStyle style = workbook.createCellStyle();
                style.setDataFormat(workbook.createDataFormat().getFormat(f));
                return style;
            });
        }

        Sheet sheet(String name, String... columns) {
            Sheet sheet = new Sheet(this, workbook.createSheet(name));
            sheet.header(columns);
            sheet.sheet.createFreezePane(0, 1);
            return sheet;
        }
    }

    /** Appends rows to one sheet and sizes its columns to their content. */
    private static final class Sheet {

        private final Cells cells;
        private final XSSFSheet sheet;
        private final List<Integer> widths = new ArrayList<>();

        Sheet(Cells cells, XSSFSheet sheet) {
            this.cells = cells;
            this.sheet = sheet;
        }

        void header(String... names) {
            Row row = sheet.createRow(sheet.getPhysicalNumberOfRows());
            for (int i = 0; i < names.length; i++) {
                row.createCell(i).setCellValue(names[i]);
                row.getCell(i).setCellStyle(cells.header);
                width(i, names[i].length());
            }
        }

        void blank() {
            sheet.createRow(sheet.getPhysicalNumberOfRows());
        }

        /** Strings become text cells (quote-prefixed where a spreadsheet could take them for a formula). */
        void row(List<?> values) {
            Row row = sheet.createRow(sheet.getPhysicalNumberOfRows());
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof Number number) {
                    row.createCell(i).setCellValue(number.doubleValue());
                    if (Double.isFinite(number.doubleValue())) {
                        row.getCell(i).setCellStyle(cells.number(number.doubleValue()));
                    }
                    width(i, 12);
                } else if (value != null) {
                    String text = value.toString();
                    row.createCell(i).setCellValue(text);
                    if (FormulaInjection.isRisky(text)) {
                        row.getCell(i).setCellStyle(cells.quoted);
                    } else if (text.length() > MAX_WIDTH_CHARS) {
                        row.getCell(i).setCellStyle(cells.wrapped); // shown whole, over several lines
                    }
                    width(i, text.length());
                }
            }
        }

        private void width(int column, int chars) {
            while (widths.size() <= column) {
                widths.add(8);
            }
            widths.set(column, Math.max(widths.get(column), Math.min(MAX_WIDTH_CHARS, chars + 2)));
        }

        void finish() {
            for (int i = 0; i < widths.size(); i++) {
                sheet.setColumnWidth(i, widths.get(i) * 256);
            }
        }
    }
}
