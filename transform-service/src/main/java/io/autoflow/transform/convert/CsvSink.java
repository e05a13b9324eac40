package io.autoflow.transform.convert;

import io.autoflow.tabular.FormulaInjection;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes CSV (RFC 4180, UTF-8, comma-separated): one file for one table, a ZIP of one file per table for several. A
 * text a spreadsheet would run as a formula ({@link FormulaInjection}) that is not a number is written with a
 * leading apostrophe, as OWASP advises against CSV injection.
 */
public final class CsvSink implements TableSink {

    private final OutputStream out;
    private ZipOutputStream zip;
    private Writer writer;
    private CSVPrinter printer;

    public CsvSink(OutputStream out) {
        this.out = out;
    }

    /** The output's media type once {@link #begin} knows how many tables there are. */
    public static String mediaType(int tables) {
        return tables == 1 ? "text/csv" : "application/zip";
    }

    @Override
    public void begin(int tables) {
        if (tables != 1) {
            zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        }
        writer = new OutputStreamWriter(zip != null ? zip : out, StandardCharsets.UTF_8);
    }

    @Override
    public void table(String name, List<String> header) throws IOException {
        if (printer != null) {
            printer.flush();
        }
        if (zip != null) {
            zip.putNextEntry(new ZipEntry(name.replaceAll("[^A-Za-z0-9 ._-]", "_") + ".csv"));
        }
        printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        printer.printRecord(header.stream().map(CsvSink::neutral).toList());
    }

    @Override
    public void row(List<String> cells) throws IOException {
        printer.printRecord(cells.stream().map(CsvSink::neutral).toList());
    }

    @Override
    public void close() throws IOException {
        if (printer != null) {
            printer.flush();
        }
        if (writer != null) {
            writer.flush();
        }
        if (zip != null) {
            zip.finish();
        }
        out.flush();
    }

    static String neutral(String cell) {
        return cell.isEmpty() || Cells.isNumber(cell) || !FormulaInjection.isRisky(cell) ? cell : "'" + cell;
    }
}
