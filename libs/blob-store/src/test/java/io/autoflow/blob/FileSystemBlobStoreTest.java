package io.autoflow.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {

    /** Two keys: "new" encrypts, "old" still decrypts what it wrote. */
    static final BlobEncryption KEYS = new BlobEncryption("new=" + key(7) + ",old=" + key(3));

    @TempDir
    Path dir;

    @Test
    void storesReadsReplacesAndDeletes() throws Exception {
        BlobStore store = new FileSystemBlobStore(dir, KEYS);

        assertThat(store.put("uploads/u1/job-1/data.csv", stream("a,b\n1,2\n"))).isEqualTo(8);
        assertThat(read(store, "uploads/u1/job-1/data.csv")).isEqualTo("a,b\n1,2\n");

        store.put("uploads/u1/job-1/data.csv", stream("x"));
        assertThat(read(store, "uploads/u1/job-1/data.csv")).isEqualTo("x");

        store.delete("uploads/u1/job-1/data.csv");
        assertThat(store.open("uploads/u1/job-1/data.csv")).isEmpty();
        store.delete("uploads/u1/job-1/data.csv");
    }

    @Test
    void leavesNoPartialFileBehind() throws Exception {
        new FileSystemBlobStore(dir, KEYS).put("a/b.bin", stream("123"));

        try (var files = Files.list(dir.resolve("a"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("b.bin");
        }
    }

    @Test
    void refusesKeysThatEscapeTheStore() {
        BlobStore store = new FileSystemBlobStore(dir, KEYS);

        for (String key : new String[] {"../etc/passwd", "a/../../x", "/abs", "a//b", "", "a/./b", "sp ace"}) {
            assertThatThrownBy(() -> store.put(key, stream("x"))).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theBytesOnDiskAreNotThePlaintextAndTheReadIs() throws Exception {
        BlobStore store = new FileSystemBlobStore(dir, KEYS);
        String secret = "name,salary\nAna,123456\n".repeat(1000);
        store.put("uploads/u1/j1/document", stream(secret));

        byte[] onDisk = Files.readAllBytes(dir.resolve("uploads/u1/j1/document"));
        assertThat(new String(onDisk, StandardCharsets.ISO_8859_1)).startsWith("AFE1").doesNotContain("salary")
                .doesNotContain("Ana");
        assertThat(read(store, "uploads/u1/j1/document")).isEqualTo(secret);
    }

    @Test
    void aLargeFileStreamsThroughInSegments() throws Exception {
        BlobStore store = new FileSystemBlobStore(dir, KEYS);
        byte[] large = new byte[5 * 1024 * 1024 + 17];
        new java.util.Random(1).nextBytes(large);
        assertThat(store.put("reports/u/j/big.bin", new ByteArrayInputStream(large))).isEqualTo(large.length);
        try (InputStream in = store.open("reports/u/j/big.bin").orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(large);
        }
    }

    @Test
    void filesWrittenUnderAnOlderKeyStillReadAfterRotation() throws Exception {
        new FileSystemBlobStore(dir, new BlobEncryption("old=" + key(3))).put("a/b.csv", stream("x,y\n"));
        assertThat(read(new FileSystemBlobStore(dir, KEYS), "a/b.csv")).isEqualTo("x,y\n");
        assertThatThrownBy(() -> read(new FileSystemBlobStore(dir, new BlobEncryption("other=" + key(9))), "a/b.csv"))
                .hasMessageContaining("key 'old', which is not configured");
    }

    @Test
    void aChangedOrMovedFileDoesNotDecrypt() throws Exception {
        BlobStore store = new FileSystemBlobStore(dir, KEYS);
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
    void listsAndDeletesEverythingUnderAPrefix() throws Exception {
        BlobStore store = new FileSystemBlobStore(dir, KEYS);
        store.put("reports/u1/j1/report.pdf", stream("1"));
        store.put("reports/u1/j2/chart.png", stream("2"));
        store.put("reports/u2/j3/report.pdf", stream("3"));
        assertThat(store.list("reports/u1/")).containsExactly("reports/u1/j1/report.pdf", "reports/u1/j2/chart.png");
        assertThat(store.list("reports/nobody/")).isEmpty();
        assertThat(store.deleteAll("reports/u1/")).isEqualTo(2);
        assertThat(dir.resolve("reports/u1")).doesNotExist();
        assertThat(store.list("reports/u2/")).containsExactly("reports/u2/j3/report.pdf");
    }

    @Test
    void aBadKeyConfigurationIsRefused() {
        assertThatThrownBy(() -> new BlobEncryption("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlobEncryption("k=" + java.util.Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("not 32 bytes");
    }

    private static String key(int seed) {
        byte[] key = new byte[32];
        new java.util.Random(seed).nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(BlobStore store, String key) throws Exception {
        try (InputStream in = store.open(key).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
