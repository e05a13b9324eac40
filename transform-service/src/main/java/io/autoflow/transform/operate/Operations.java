package io.autoflow.transform.operate;

import io.autoflow.events.data.DataOperation;
import io.autoflow.transform.convert.CsvSink;
import io.autoflow.transform.convert.CsvSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Data operations on CSV files, as the transform service applies them to a document (its tests, its benchmark). */
public final class Operations {

    private Operations() {
    }

    /**
     * Applies the operations, in order, to the table of a CSV document and writes the result as CSV (RFC 4180,
     * UTF-8, header first).
     *
     * @param inputs other CSV documents by name, for a join's {@code with}
     */
    public static OperationReport applyToCsv(Path csv, List<DataOperation> operations, Map<String, Path> inputs,
            OutputStream csvOut) throws IOException {
        OperationReport report = new OperationReport();
        Inputs named = (name, sink) -> {
            Path input = inputs.get(name);
            if (input == null) {
                return false;
            }
            CsvSource.read(name, opener(input), sink);
            return true;
        };
        try (OperatingSink sink = new OperatingSink(operations, named, new CsvSink(csvOut), report)) {
            CsvSource.read(csv.getFileName().toString(), opener(csv), sink);
        }
        return report;
    }

    private static Supplier<InputStream> opener(Path file) {
        return () -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
