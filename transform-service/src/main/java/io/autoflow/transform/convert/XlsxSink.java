package io.autoflow.transform.convert;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes an XLSX workbook, a sheet per table, streaming (a window of rows in memory). Plain numbers become number
 * cells; everything else is text, never a formula.
 */
public final class XlsxSink implements TableSink {

    /** Rows of a sheet beyond this many wait on disk, not in memory. */
    private static final int WINDOW = 100;
    private static final int MAX_ROWS = 1_048_576;
    private static final int MAX_COLUMNS = 16_384;

    private final OutputStream out;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
    private final Set<String> sheetNames = new HashSet<>();
    private Sheet sheet;
    private int next;

    public XlsxSink(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(int tables) {
    }

    @Override
    public void table(String name, List<String> header) {
        if (header.size() > MAX_COLUMNS) {
            throw new TransformException("too_many_columns", "A sheet holds at most " + MAX_COLUMNS + " columns; the"
                    + " table '" + name + "' has " + header.size() + " (convert to CSV or JSON instead)");
        }
        String safe = WorkbookUtil.createSafeSheetName(name.isBlank() ? "Sheet" : name);
        String unique = safe;
        for (int n = 2; !sheetNames.add(unique.toLowerCase()); n++) {
            String suffix = " (" + n + ")";
            unique = safe.substring(0, Math.min(safe.length(), 31 - suffix.length())) + suffix;
        }
        sheet = workbook.createSheet(unique);
        next = 0;
        write(header, false);
    }

    @Override
    public void row(List<String> cells) {
        write(cells, true);
    }

    private void write(List<String> cells, boolean typed) {
        if (next == MAX_ROWS) {
            throw new TransformException("too_many_rows", "A sheet holds at most " + MAX_ROWS + " rows; the table '"
                    + sheet.getSheetName() + "' has more (convert to CSV or JSON instead)");
        }
        Row row = sheet.createRow(next++);
        for (int i = 0; i < cells.size(); i++) {
            String text = cells.get(i);
            if (text.isEmpty()) {
                continue;
            }
            Cell cell = row.createCell(i);
            if (typed && Cells.isNumber(text)) {
                cell.setCellValue(Double.parseDouble(text));
            } else {
                cell.setCellValue(text.length() > 32_767 ? text.substring(0, 32_767) : text);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            workbook.write(out);
            out.flush();
        } finally {
            workbook.close();
        }
    }
}
