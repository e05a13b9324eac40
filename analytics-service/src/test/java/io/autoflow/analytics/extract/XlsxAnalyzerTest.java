package io.autoflow.analytics.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.autoflow.analytics.stats.ColumnStatistics;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.events.CodedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.DoubleStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxAnalyzerTest {

    private final XlsxAnalyzer analyzer = new XlsxAnalyzer();

    @Test
    void readsEverySheetOfARealWorkbook() throws Exception {
        // Book1.xlsx from excelize; expected cells read independently with openpyxl (see resources/xlsx/README.md).
        List<TableStatistics> tables = analyzer.analyze(resource("/xlsx/Book1.xlsx"));

        assertThat(tables).extracting(TableStatistics::name).containsExactly("Sheet1", "Sheet2");
        TableStatistics monitors = tables.get(1);
        assertThat(monitors.rowCount()).isEqualTo(10);
        assertThat(monitors.columns()).extracting(ColumnStatistics::name)
                .startsWith("Monitor", "column_2", "Brand", "column_4", "inlineStr");

        double[] d = {200, 450, 200, 510, 315, 127, 89, 348, 53, 37};
        ColumnStatistics prices = column(monitors, "column_4");
        assertThat(prices.type()).isEqualTo("integer");
        assertThat(prices.count()).isEqualTo(10);
        assertThat(prices.mean()).isCloseTo(DoubleStream.of(d).average().orElseThrow(), within(1e-9));
        assertThat(prices.max()).isEqualTo(510.0);
        assertThat(column(monitors, "Brand").distinct()).isEqualTo(10);
        assertThat(column(monitors, "Monitor").missing()).isEqualTo(6);
    }

    @Test
    void aMergedHeaderCellNamesEveryColumnItSpans() throws Exception {
        TableStatistics sheet = analyzer.analyze(resource("/xlsx/MergeCell.xlsx")).get(0);

        // A1:B1 is merged and holds "A1".
        assertThat(sheet.columns()).extracting(ColumnStatistics::name).containsExactly("A1", "A1_2", "C1", "D1");
    }

    @Test
    void keepsLargeNumbersExact() throws Exception {
        ColumnStatistics column = analyzer.analyze(resource("/xlsx/OverflowNumericCell.xlsx")).get(0).columns().get(0);

        assertThat(column.name()).isEqualTo("8595602512225");
    }

    @Test
    void readsDatesAndTheCachedValuesOfFormulas() throws Exception {
        byte[] workbook = workbook();

        TableStatistics sales = analyzer.analyze(new ByteArrayInputStream(workbook)).get(0);

        assertThat(sales.columns()).extracting(ColumnStatistics::type).containsExactly("date", "integer", "integer");
        ColumnStatistics doubled = column(sales, "doubled");
        assertThat(doubled.mean()).isEqualTo(20.0);
        assertThat(doubled.max()).isEqualTo(36.0);
    }

    @Test
    void refusesEncryptedCorruptAndNonWorkbookFiles() {
        assertCode(resource("/xlsx/encryptAES.xlsx"), "encrypted_document");
        // openpyxl sees no sheet in it either: a clean error, not a crash.
        assertCode(resource("/xlsx/BadWorkbook.xlsx"), "empty_document");
        assertCode(new ByteArrayInputStream("a,b\n1,2\n".getBytes()), "corrupt_document");
    }

    @Test
    void stopsADecompressionBomb() throws Exception {
        // A real workbook whose first sheet inflates 1000-fold: 20 MB of whitespace after the sheet's XML.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (var source = new java.util.zip.ZipInputStream(resource("/xlsx/Book1.xlsx"));
                var target = new java.util.zip.ZipOutputStream(bomb)) {
            for (var entry = source.getNextEntry(); entry != null; entry = source.getNextEntry()) {
                target.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                target.write(source.readAllBytes());
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    byte[] spaces = new byte[1 << 20];
                    java.util.Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 20; i++) {
                        target.write(spaces);
                    }
                }
                target.closeEntry();
            }
        }

        assertCode(new ByteArrayInputStream(bomb.toByteArray()), "zip_bomb_detected");
    }

    private void assertCode(InputStream in, String code) {
        assertThatThrownBy(() -> analyzer.analyze(in)).isInstanceOf(CodedException.class)
                .extracting(e -> ((CodedException) e).code()).isEqualTo(code);
    }

    /** A workbook made here: a date column, numbers, and a formula column whose cached values POI computes. */
    private static byte[] workbook() throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("sales");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("day");
            header.createCell(1).setCellValue("units");
            header.createCell(2).setCellValue("doubled");
            for (int i = 1; i <= 9; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue(LocalDate.of(2026, 1, i));
                row.getCell(0).setCellStyle(date);
                row.createCell(1).setCellValue(2 * i);
                row.createCell(2).setCellFormula("B" + (i + 1) + "*2");
            }
            book.getCreationHelper().createFormulaEvaluator().evaluateAll();
            book.write(out);
            return out.toByteArray();
        }
    }

    private static ColumnStatistics column(TableStatistics table, String name) {
        return table.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static InputStream resource(String path) {
        return XlsxAnalyzerTest.class.getResourceAsStream(path);
    }
}
