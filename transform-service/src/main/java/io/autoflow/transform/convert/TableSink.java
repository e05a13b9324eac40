package io.autoflow.transform.convert;

import java.io.IOException;
import java.util.List;

/**
 * Receives a document's tables row by row, in order, and writes them out in a target format: the number of tables
 * first, then for each its name and header, then its rows, each exactly as wide as its header.
 */
public interface TableSink extends AutoCloseable {

    void begin(int tables) throws IOException;

    void table(String name, List<String> header) throws IOException;

    void row(List<String> cells) throws IOException;

    /** Every table was read to its end (not called when reading failed): what waits for all rows may go out. */
    default void end() throws IOException {
    }

    /** Finishes the output. */
    @Override
    void close() throws IOException;
}
