package io.autoflow.transform.operate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Rows kept in a temporary file, in the order written, for operations that hold more rows than memory should. */
final class RowSpool implements AutoCloseable {

    private final Path file;
    private DataOutputStream out;
    private long rows;

    RowSpool() throws IOException {
        file = Files.createTempFile("autoflow-rows-", ".bin");
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    void add(List<String> row) throws IOException {
        out.writeInt(row.size());
        for (String cell : row) {
            byte[] bytes = cell.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Reads the rows back from the first; nothing can be added after. */
    Reader reader() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
        return new Reader(new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)));
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows in order; {@link #next} gives null after the last. */
    static final class Reader implements AutoCloseable {

        private final DataInputStream in;

        private Reader(DataInputStream in) {
            this.in = in;
        }

        List<String> next() throws IOException {
            int width;
            try {
                width = in.readInt();
            } catch (EOFException end) {
                return null;
            }
            List<String> row = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                row.add(new String(bytes, StandardCharsets.UTF_8));
            }
            return row;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Roughly what a row takes in memory, to hold rows within a budget. */
    static long bytes(List<String> row) {
        long bytes = 48;
        for (String cell : row) {
            bytes += 48 + cell.length();
        }
        return bytes;
    }
}
