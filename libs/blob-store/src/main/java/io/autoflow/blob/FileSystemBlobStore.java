package io.autoflow.blob;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blob store on a local directory, for a single machine, every file encrypted ({@link BlobEncryption}). Writes go to a
 * temporary file first and are moved into place, so a reader never sees half a file.
 */
public class FileSystemBlobStore extends EncryptedBlobStore {

    private static final String PARTIAL = ".partial";

    private final Path root;

    public FileSystemBlobStore(Path root, BlobEncryption encryption) {
        super(encryption);
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    PendingBlob write(String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        return new PartialFile(target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + PARTIAL),
                target);
    }

    @Override
    Optional<InputStream> read(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path directory = directoryOf(prefix);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(FileSystemBlobStore::isBlob)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /**
     * The sizes the directory walk reads anyway (no extra call per file). A file or folder removed during the walk is
     * left out, not an error: erasures and job clean-ups run at any time.
     */
    @Override
    public void eachStoredSize(String prefix, StoredSize each) throws IOException {
        Path directory = directoryOf(prefix);
        if (!Files.isDirectory(directory)) {
            return;
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !isPartial(file)) {
                    each.accept(root.relativize(file).toString().replace('\\', '/'), attributes.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                return goneOrThrow(failure);
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                return failure == null ? FileVisitResult.CONTINUE : goneOrThrow(failure);
            }
        });
    }

    /** Removes the prefix's directory, files still being written into it too. */
    @Override
    public int deleteAll(String prefix) throws IOException {
        Path directory = directoryOf(prefix);
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) { // files before their directories
                deleted += isBlob(path) ? 1 : 0;
                Files.deleteIfExists(path);
            }
        }
        return deleted;
    }

    /** Writes a small file into the directory and removes it, under a name list() skips. */
    @Override
    public void probe() throws IOException {
        Files.createDirectories(root);
        Path probe = root.resolve(".readiness." + UUID.randomUUID() + PARTIAL);
        try {
            Files.write(probe, new byte[] {1});
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static FileVisitResult goneOrThrow(IOException failure) throws IOException {
        if (failure instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
        }
        throw failure;
    }

    private static boolean isBlob(Path path) {
        return Files.isRegularFile(path) && !isPartial(path);
    }

    private static boolean isPartial(Path path) {
        return path.getFileName().toString().endsWith(PARTIAL);
    }

    private Path directoryOf(String prefix) {
        return resolve(BlobKeys.checkedPrefix(prefix).substring(0, prefix.length() - 1));
    }

    private Path resolve(String key) {
        return root.resolve(BlobKeys.checked(key));
    }

    /** Written next to its target under a name list() skips, and moved into place whole. */
    private static final class PartialFile extends PendingBlob {

        private final Path partial;
        private final Path target;
        private final OutputStream out;

        PartialFile(Path partial, Path target) throws IOException {
            this.partial = partial;
            this.target = target;
            this.out = new BufferedOutputStream(Files.newOutputStream(partial));
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        void commit() throws IOException {
            out.close();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        void abort() throws IOException {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
