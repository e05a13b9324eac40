package io.autoflow.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.analytics.extract.CsvAnalyzer;
import io.autoflow.analytics.insight.InsightWriter;
import io.autoflow.analytics.quality.AlertFinder;
import io.autoflow.analytics.stats.DocumentStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.tabular.FormulaInjection;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxReportWriterTest {

    private final ChartRenderer charts = new ChartRenderer();

    @Test
    void hasTheSummaryStatisticsCorrelationsAnomaliesAndChartSheetsWithNumbersAsNumbers() throws Exception {
        TableStatistics sales = new CsvAnalyzer().analyze("sales",
                () -> XlsxReportWriterTest.class.getResourceAsStream("/csv/sales.csv"));

        try (XSSFWorkbook workbook = open(write(sales))) {
            assertThat(workbook).extracting(Sheet::getSheetName).containsExactly("Summary", "Statistics",
                    "Correlations", "Trends", "Anomalies", "Charts");
            Row units = find(workbook.getSheet("Statistics"), "units");
            assertThat(units.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(units.getCell(3).getNumericCellValue()).isEqualTo(47); // count
            assertThat(units.getCell(7).getNumericCellValue()).isEqualTo(sales.columns().stream()
                    .filter(c -> c.name().equals("units")).findFirst().orElseThrow().mean());
            assertThat(workbook.getSheet("Correlations").getPhysicalNumberOfRows()).isGreaterThan(1);
            assertThat(workbook.getAllPictures()).hasSize(charts.render(sales).size());
            assertThat(text(workbook.getSheet("Summary"))).contains("sales has 48 rows and 7 columns.");
        }
    }

    @Test
    void noCellFromTheDocumentCanRunAsAFormula() throws Exception {
        String csv = "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",+cmd,note\n"
                + "1,@SUM(A1:A9),=cmd|' /C calc'!A0\n2,-2+3,\tx\n3,+1,plain\n";
        TableStatistics hostile = new CsvAnalyzer().analyze("=evil()",
                () -> new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));

        try (XSSFWorkbook workbook = open(write(hostile))) {
            List<Cell> risky = new ArrayList<>();
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
                        if (cell.getCellType() == CellType.STRING
                                && FormulaInjection.isRisky(cell.getStringCellValue())) {
                            risky.add(cell);
                        }
                    }
                }
            }
            assertThat(risky).extracting(Cell::getStringCellValue).contains("=evil()",
                    "=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd");
            assertThat(risky).allSatisfy(cell -> assertThat(cell.getCellStyle().getQuotePrefixed()).isTrue());
            assertThat(text(workbook.getSheet("Statistics"))).contains("@SUM(A1:A9) (1)");
        }
    }

    private byte[] write(TableStatistics table) throws Exception {
        DocumentStatistics statistics = new DocumentStatistics(List.of(table), null);
        byte[] xlsx = new XlsxReportWriter().write(new ReportContent(table.name() + ".csv", statistics, null,
                new InsightWriter().write(statistics), new AlertFinder().find(statistics)),
                List.of(new ReportSection(table, charts.render(table))));
        Files.write(Path.of("target", "report-sample.xlsx"), xlsx); // for a person to open
        return xlsx;
    }

    private static XSSFWorkbook open(byte[] xlsx) throws Exception {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    private static Row find(Sheet sheet, String column) {
        for (Row row : sheet) {
            if (row.getCell(1) != null && row.getCell(1).getCellType() == CellType.STRING
                    && row.getCell(1).getStringCellValue().equals(column)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + column);
    }

    private static String text(Sheet sheet) {
        StringBuilder text = new StringBuilder();
        for (Row row : sheet) {
            for (Cell cell : row) {
                text.append(cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : "").append('\n');
            }
        }
        return text.toString();
    }
}
