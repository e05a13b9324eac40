package io.autoflow.transform.convert;

import io.autoflow.service.work.Checkpoint;
import io.autoflow.tabular.CsvText;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a CSV document as one table, streaming, as {@link CsvText} reads CSV. The first record is the header. */
public final class CsvSource {

    private CsvSource() {
    }

    /** @param document opens the document: once to find its charset, once to read it (rows go out as they come) */
    public static Counts read(String name, Supplier<InputStream> document, TableSink sink) throws IOException {
        return CsvText.read(document, CsvText.charsetOf(document), parser -> copy(name, parser, sink));
    }

    private static Counts copy(String name, CSVParser parser, TableSink sink) throws IOException {
        List<String> header = null;
        long rows = 0;
        for (CSVRecord record : parser) {
            Checkpoint.check();
            if (header == null) {
                header = Cells.header(record.toList());
                sink.begin(1);
                sink.table(name, header);
            } else if (record.size() > header.size()) {
                throw new TransformException("malformed_csv", "Line " + parser.getCurrentLineNumber() + " has "
                        + record.size() + " fields but the header has " + header.size());
            } else {
                sink.row(Cells.fit(record.toList(), header.size()));
                rows++;
            }
        }
        if (header == null) {
            throw new TransformException("empty_document", "The document is empty");
        }
        sink.end();
        return new Counts(1, rows, 0);
    }
}
