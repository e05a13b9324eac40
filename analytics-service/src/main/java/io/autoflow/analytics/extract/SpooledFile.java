package io.autoflow.analytics.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A document copied to a temporary file, for formats read by random access (a zip's central directory, a PDF's
 * cross-reference table) without holding them in memory; deleted on close, whatever happened.
 */
final class SpooledFile implements AutoCloseable {

    private final Path path;

    private SpooledFile(Path path) {
        this.path = path;
    }

    static SpooledFile of(InputStream document, String suffix) throws IOException {
        Path path = Files.createTempFile("autoflow-", suffix);
        try {
            Files.copy(document, path, StandardCopyOption.REPLACE_EXISTING);
            return new SpooledFile(path);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
