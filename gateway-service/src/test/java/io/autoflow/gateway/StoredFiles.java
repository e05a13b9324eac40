package io.autoflow.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the filesystem blob store holds on disk, read past the store: the figures a test expects. */
public final class StoredFiles {

    private StoredFiles() {
    }

    /** The size on disk of the file {@code <blob dir>/<key or prefix>}, or of every file under it. */
    public static long bytesOnDisk(Path blobDir, String keyOrPrefix) throws IOException {
        Path folder = blobDir.resolve(keyOrPrefix);
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
