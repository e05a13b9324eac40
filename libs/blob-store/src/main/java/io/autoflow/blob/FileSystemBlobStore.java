package io.autoflow.blob;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blob store on a local directory, for a single machine, every file encrypted ({@link BlobEncryption}). Writes go to a
 * temporary file first and are moved into place, so a reader never sees half a file.
 */
public class FileSystemBlobStore implements BlobStore {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path root;
    private final BlobEncryption encryption;

    public FileSystemBlobStore(Path root, BlobEncryption encryption) {
        this.root = root.toAbsolutePath().normalize();
        this.encryption = encryption;
    }

    @Override
    public long put(String key, InputStream content) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
        try {
            long written;
            try (OutputStream out = encryption.encrypting(new BufferedOutputStream(Files.newOutputStream(partial)),
                    key)) {
                written = content.transferTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return written;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            InputStream raw = Files.newInputStream(resolve(key));
            try {
                return Optional.of(encryption.decrypting(raw, key));
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
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
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("A prefix ends with /: " + prefix);
        }
        Path directory = resolve(prefix.substring(0, prefix.length() - 1));
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".partial"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Override
    public int deleteAll(String prefix) throws IOException {
        int deleted = BlobStore.super.deleteAll(prefix);
        Path directory = resolve(prefix.substring(0, prefix.length() - 1));
        if (Files.isDirectory(directory)) {
            try (Stream<Path> left = Files.walk(directory)) {
                for (Path path : left.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path); // the emptied directories
                }
            }
        }
        return deleted;
    }

    private Path resolve(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("Blob key is empty");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("Invalid blob key: " + key);
            }
        }
        return root.resolve(key);
    }
}
