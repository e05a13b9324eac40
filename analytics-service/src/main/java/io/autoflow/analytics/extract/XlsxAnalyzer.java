package io.autoflow.analytics.extract;

import io.autoflow.analytics.stats.DocumentLimits;
import io.autoflow.analytics.stats.TableProfiler;
import io.autoflow.analytics.stats.TableStatistics;
import io.autoflow.tabular.WorkbookSheets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Profiles every sheet of an XLSX workbook as a table, streamed by {@link WorkbookSheets} so that memory does not
 * grow with the number of rows. The first non-empty row is the header (a merged header cell names every column it
 * spans).
 */
public final class XlsxAnalyzer {

    /** One table per sheet that has any data, in workbook order. */
    public List<TableStatistics> analyze(InputStream document) {
        // A zip is read by its central directory at the end: spooled to a file, entries stream from disk.
        try (SpooledFile file = SpooledFile.of(document, ".xlsx")) {
            return analyze(file.path());
        } catch (IOException e) {
            throw OfficeFailures.translate(e, "workbook");
        }
    }

    private List<TableStatistics> analyze(Path file) {
        List<TableStatistics> tables = new ArrayList<>();
        try {
            WorkbookSheets.read(file, name -> new SheetProfile(name, tables));
        } catch (IOException | RuntimeException e) {
            throw OfficeFailures.translate(e, "workbook");
        }
        if (tables.isEmpty()) {
            throw new DocumentException("empty_document", "The workbook has no data");
        }
        return tables;
    }

    /** Profiles one sheet's rows, the first as its header, and adds the table when the sheet had any. */
    private static final class SheetProfile implements WorkbookSheets.SheetReader {

        private final String name;
        private final List<TableStatistics> tables;
        private TableProfiler table;
        private int headerRow = -1;
        private List<String> header;

        SheetProfile(String name, List<TableStatistics> tables) {
            this.name = name;
            this.tables = tables;
        }

        @Override
        public void row(int rowNum, List<String> cells) {
            if (table == null) {
                DocumentLimits.checkAnotherTable(tables.size());
                headerRow = rowNum;
                header = cells;
                table = new TableProfiler(name, header);
            } else {
                table.add(cells);
            }
        }

        @Override
        public void end(List<String> mergedRanges) {
            if (table == null) {
                return;
            }
            for (String range : mergedRanges) {
                CellRangeAddress merged = CellRangeAddress.valueOf(range);
                if (merged.getFirstRow() == headerRow && merged.getFirstColumn() < header.size()) {
                    String value = header.get(merged.getFirstColumn());
                    for (int c = merged.getFirstColumn() + 1; c <= merged.getLastColumn() && c < table.width(); c++) {
                        table.nameBlankColumn(c, value);
                    }
                }
            }
            tables.add(table.finish());
        }
    }
}
