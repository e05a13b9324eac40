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

    @TempDir
    Path dir;

    @Test
    void storesReadsReplacesAndDeletes() throws Exception {
        BlobStore store = new FileSystemBlobStore(dir);

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
        new FileSystemBlobStore(dir).put("a/b.bin", stream("123"));

        try (var files = Files.list(dir.resolve("a"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("b.bin");
        }
    }

    @Test
    void refusesKeysThatEscapeTheStore() {
        BlobStore store = new FileSystemBlobStore(dir);

        for (String key : new String[] {"../etc/passwd", "a/../../x", "/abs", "a//b", "", "a/./b", "sp ace"}) {
            assertThatThrownBy(() -> store.put(key, stream("x"))).as(key).isInstanceOf(IllegalArgumentException.class);
        }
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
