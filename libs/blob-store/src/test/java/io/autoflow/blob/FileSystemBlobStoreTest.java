package io.autoflow.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a directory, and what only files have: folders and files on disk. */
class FileSystemBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path dir;

    @Override
    BlobStore store(BlobEncryption encryption) {
        return new FileSystemBlobStore(dir, encryption);
    }

    @Override
    byte[] storedBytes(String key) throws Exception {
        return Files.readAllBytes(dir.resolve(key));
    }

    @Override
    void assertNothingHalfWritten() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    @Test
    void writesAFileUnderItsKeyAndNothingElse() throws Exception {
        store().put("a/b.bin", stream("123"));

        try (var files = Files.list(dir.resolve("a"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("b.bin");
        }
    }

    @Test
    void aChangedOrMovedFileDoesNotDecrypt() throws Exception {
        BlobStore store = store();
        store.put("a/one.csv", stream("a,b\n1,2\n"));
        Path file = dir.resolve("a/one.csv");
        byte[] bytes = Files.readAllBytes(file);
        Files.copy(file, dir.resolve("a/two.csv"));
        assertThatThrownBy(() -> read(store, "a/two.csv")).isInstanceOf(java.io.IOException.class);
        bytes[bytes.length - 20] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> read(store, "a/one.csv")).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void deletingAPrefixRemovesItsFolders() throws Exception {
        BlobStore store = store();
        store.put("reports/u1/j1/report.pdf", stream("1"));
        store.put("reports/u1/j2/chart.png", stream("2"));
        assertThat(store.deleteAll("reports/u1/")).isEqualTo(2);
        assertThat(dir.resolve("reports/u1")).doesNotExist();
        assertThat(dir.resolve("reports")).isDirectory();
    }

    @Test
    void aBadKeyConfigurationIsRefused() {
        assertThatThrownBy(() -> new BlobEncryption("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlobEncryption("k=" + java.util.Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("not 32 bytes");
    }
}
