package io.autoflow.transform.convert;

import io.autoflow.service.work.Checkpoint;
import io.autoflow.tabular.WorkbookSheets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads every sheet of an XLSX workbook as a table, streamed by {@link WorkbookSheets} (memory does not grow with
 * rows). The first non-empty row of a sheet is its header. A sheet without data becomes a table with no columns; a
 * filled cell right of its sheet's header has no column and is counted as dropped.
 */
public final class XlsxSource {

    private XlsxSource() {
    }

    public static Counts read(Path file, TableSink sink) throws IOException {
        Totals totals = new Totals(sink);
        WorkbookSheets.read(file, totals);
        sink.end();
        return new Counts(totals.sheets, totals.rows, totals.dropped);
    }

    /** Hands each sheet to the sink and counts what went through. */
    private static final class Totals implements WorkbookSheets.Reader {

        private final TableSink sink;
        private int sheets;
        private long rows;
        private long dropped;

        Totals(TableSink sink) {
            this.sink = sink;
        }

        @Override
        public void begin(int sheetCount) throws IOException {
            sheets = sheetCount;
            sink.begin(sheetCount);
        }

        @Override
        public WorkbookSheets.SheetReader sheet(String name) {
            return new WorkbookSheets.SheetReader() {
                private List<String> header;

                @Override
                public void row(int rowNum, List<String> cells) throws IOException {
                    Checkpoint.check();
                    if (header == null) {
                        header = Cells.header(cells);
                        sink.table(name, header);
                    } else {
                        sink.row(Cells.fit(cells, header.size()));
                        rows++;
                        dropped += cells.stream().skip(header.size()).filter(c -> !c.isEmpty()).count();
                    }
                }

                @Override
                public void end(List<String> mergedRanges) throws IOException {
                    if (header == null) {
                        sink.table(name, List.of());
                    }
                }
            };
        }
    }
}
