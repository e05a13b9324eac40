package io.autoflow.transform.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The converters on real documents: CSV in every common shape, and workbooks made with POI. */
class ConversionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSemicolonCsvWithABomBecomesTypedJson() throws Exception {
        String csv = "\uFEFFname;price;in stock;note\n\"Smith, J\";3.50;true;\nDoe;-4;false;\"two\nlines\"\n";

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Counts counts = csv(csv.getBytes(StandardCharsets.UTF_8), new JsonSink(out));

        assertThat(counts).isEqualTo(new Counts(1, 2, 0));
        JsonNode rows = JSON.readTree(out.toByteArray());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("name").asText()).isEqualTo("Smith, J");
        assertThat(rows.get(0).path("price").isNumber()).isTrue();
        assertThat(rows.get(0).path("price").decimalValue()).isEqualByComparingTo("3.50");
        assertThat(rows.get(0).path("in stock").isBoolean()).isTrue();
        assertThat(rows.get(0).path("note").isNull()).isTrue();
        assertThat(rows.get(1).path("price").asInt()).isEqualTo(-4);
        assertThat(rows.get(1).path("note").asText()).isEqualTo("two\nlines");
    }

    @Test
    void aWindows1252CsvIsReadInItsOwnCharset() throws Exception {
        byte[] csv = "ville,population\nSète,44000\n".getBytes(Charset.forName("windows-1252"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        csv(csv, new JsonSink(out));

        assertThat(JSON.readTree(out.toByteArray()).get(0).path("ville").asText()).isEqualTo("Sète");
    }

    @Test
    void aWindows1252ByteFarIntoTheFileStillGivesOneCleanConversion() throws Exception {
        // Past the first 64 KiB sample, where a reader that starts over would already have written rows.
        StringBuilder csv = new StringBuilder("id,town\n");
        for (int i = 0; i < 10_000; i++) {
            csv.append(i).append(",Lyon\n");
        }
        csv.append("10000,S\u00e8te\n");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Counts counts = csv(csv.toString().getBytes(Charset.forName("windows-1252")), new JsonSink(out));

        assertThat(counts.rows()).isEqualTo(10_001);
        JsonNode rows = JSON.readTree(out.toByteArray());
        assertThat(rows).hasSize(10_001);
        assertThat(rows.get(10_000).path("town").asText()).isEqualTo("S\u00e8te");
    }

    @Test
    void aCsvBecomesAWorkbookWhoseNumbersAreNumbersAndWhoseFormulasAreText() throws Exception {
        String csv = "item,amount,comment\nrent,1200.5,=HYPERLINK(\"http://evil\")\n,,\nfood,007,@SUM(A1)\n";

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        csv(csv.getBytes(StandardCharsets.UTF_8), new XlsxSink(out));

        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("data");
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("amount");
            assertThat(sheet.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(1200.5);
            assertThat(sheet.getRow(1).getCell(2).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).startsWith("=HYPERLINK");
            // "007" is not a plain number: kept as the text it is, leading zeros and all.
            assertThat(sheet.getRow(3).getCell(1).getStringCellValue()).isEqualTo("007");
        }
    }

    @Test
    void csvOutputDisarmsWhatASpreadsheetWouldRunButKeepsNegativeNumbers() throws Exception {
        String csv = "a,b\n=1+2,-3\n+cmd,@x\n";

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        csv(csv.getBytes(StandardCharsets.UTF_8), new CsvSink(out));

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a,b\r\n'=1+2,-3\r\n'+cmd,'@x\r\n");
    }

    @Test
    void aWorkbookOfSeveralSheetsBecomesOneCsvPerSheetInAZipAndOneJsonObject() throws Exception {
        Path workbook = workbook();

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (TableSink sink = new CsvSink(zip)) {
            assertThat(XlsxSource.read(workbook, sink)).isEqualTo(new Counts(3, 3, 2));
        }
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries.get("Sales.csv")).isEqualTo("day,revenue\r\n2024-03-01,1234.5678901\r\n"
                + "2024-03-02,99\r\n");
        assertThat(entries.get("Costs_2024.csv")).isEqualTo("what,cost\r\nrent,700\r\n");
        assertThat(entries).containsKey("Empty.csv");

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (TableSink sink = new JsonSink(json)) {
            XlsxSource.read(workbook, sink);
        }
        JsonNode tables = JSON.readTree(json.toByteArray());
        assertThat(tables.path("Sales").get(0).path("day").asText()).isEqualTo("2024-03-01");
        assertThat(tables.path("Sales").get(0).path("revenue").decimalValue()).isEqualByComparingTo("1234.5678901");
        assertThat(tables.path("Costs_2024").get(0).path("cost").asInt()).isEqualTo(700);
        assertThat(tables.path("Empty")).isEmpty();
    }

    @Test
    void whatIsNotADocumentOfItsKindFailsWithAPreciseCode() throws Exception {
        Path notAWorkbook = Files.writeString(dir.resolve("fake.xlsx"), "just text");
        assertThatThrownBy(() -> XlsxSource.read(notAWorkbook, new JsonSink(new ByteArrayOutputStream())))
                .isInstanceOf(io.autoflow.events.CodedException.class).extracting("code").isEqualTo("corrupt_document");
        assertThatThrownBy(() -> csv("a,b\n1,2,3\n".getBytes(StandardCharsets.UTF_8),
                new JsonSink(new ByteArrayOutputStream())))
                .isInstanceOf(io.autoflow.events.CodedException.class).extracting("code").isEqualTo("malformed_csv");
        assertThatThrownBy(() -> csv("\n\n".getBytes(StandardCharsets.UTF_8), new JsonSink(new ByteArrayOutputStream())))
                .isInstanceOf(io.autoflow.events.CodedException.class).extracting("code").isEqualTo("empty_document");
    }

    private static Counts csv(byte[] csv, TableSink sink) throws IOException {
        try (sink) {
            return CsvSource.read("data", () -> new ByteArrayInputStream(csv), sink);
        }
    }

    /** Sales (a date column, a long decimal, two cells right of the header), Costs_2024, and an empty sheet. */
    private Path workbook() throws IOException {
        Path file = dir.resolve("book.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            CreationHelper help = book.getCreationHelper();
            var dates = book.createCellStyle();
            dates.setDataFormat(help.createDataFormat().getFormat("dd/mm/yyyy"));
            Sheet sales = book.createSheet("Sales");
            Row header = sales.createRow(0);
            header.createCell(0).setCellValue("day");
            header.createCell(1).setCellValue("revenue");
            Row first = sales.createRow(1);
            first.createCell(0).setCellValue(LocalDate.of(2024, 3, 1));
            first.getCell(0).setCellStyle(dates);
            first.createCell(1).setCellValue(1234.5678901);
            Row second = sales.createRow(3);
            second.createCell(0).setCellValue(LocalDate.of(2024, 3, 2));
            second.getCell(0).setCellStyle(dates);
            second.createCell(1).setCellValue(99);
            second.createCell(2).setCellValue("x");
            second.createCell(3).setCellValue("beyond the header");
            Sheet costs = book.createSheet("Costs_2024");
            costs.createRow(0).createCell(0).setCellValue("what");
            costs.getRow(0).createCell(1).setCellValue("cost");
            costs.createRow(1).createCell(0).setCellValue("rent");
            costs.getRow(1).createCell(1).setCellValue(700);
            book.createSheet("Empty");
            try (var out = Files.newOutputStream(file)) {
                book.write(out);
            }
        }
        return file;
    }
}
