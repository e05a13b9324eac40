package io.autoflow.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Deterministic sales data, the same shape as bench/job-latency.sh makes: a date, two categories, three numbers
 * (revenue = units x price, so the two correlate) and a yes/no flag with 10% yes.
 */
public final class BenchmarkData {

    static final String HEADER = "date,region,product,units,unit_price,revenue,returned";
    private static final String[] REGIONS = {"North", "South", "East", "West"};
    private static final String[] PRODUCTS = {"Widget", "Gadget", "Gizmo", "Doohickey"};
    private static final LocalDate START = LocalDate.of(2024, 1, 1);

    private BenchmarkData() {
    }

    /** {@code csv FILE MEGABYTES} or {@code xlsx FILE ROWS}: writes a benchmark document, for bench/job-latency.sh. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        if (args[0].equals("xlsx")) {
            xlsx(file, Integer.parseInt(args[2]));
        } else {
            csv(file, Long.parseLong(args[2]) * 1_000_000);
        }
        System.out.println(file + ": " + Files.size(file) + " bytes");
    }

    /** A CSV of at least {@code bytes} bytes. */
    static Path csv(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.newLine();
            long size = HEADER.length() + 1;
            for (int i = 0; size < bytes; i++) {
                int units = random.nextInt(100) + 1;
                double price = random.nextInt(5000) / 100.0 + 1;
                String line = String.format(Locale.ROOT, "%s,%s,%s,%d,%.2f,%.2f,%s", START.plusDays(i % 730),
                        REGIONS[i % 4], PRODUCTS[random.nextInt(4)], units, price, units * price,
                        random.nextDouble() < 0.1 ? "yes" : "no");
                out.write(line);
                out.newLine();
                size += line.length() + 1;
            }
        }
        return file;
    }

    /** An XLSX workbook of one sheet with {@code rows} data rows, dates as real date cells, written by POI's SXSSF. */
    static Path xlsx(Path file, int rows) throws IOException {
        Random random = new Random(42);
        try (SXSSFWorkbook book = new SXSSFWorkbook(1000); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = book.createSheet("sales");
            CellStyle date = book.createCellStyle();
            date.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            String[] names = HEADER.split(",");
            Row header = sheet.createRow(0);
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int i = 0; i < rows; i++) {
                int units = random.nextInt(100) + 1;
                double price = random.nextInt(5000) / 100.0 + 1;
                Row row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(START.plusDays(i % 730));
                row.getCell(0).setCellStyle(date);
                row.createCell(1).setCellValue(REGIONS[i % 4]);
                row.createCell(2).setCellValue(PRODUCTS[random.nextInt(4)]);
                row.createCell(3).setCellValue(units);
                row.createCell(4).setCellValue(price);
                row.createCell(5).setCellValue(units * price);
                row.createCell(6).setCellValue(random.nextDouble() < 0.1 ? "yes" : "no");
            }
            book.write(out);
            book.dispose();
        }
        return file;
    }
}
