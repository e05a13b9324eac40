package io.autoflow.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every blob store guarantees, whatever keeps the bytes; each store's test extends this with its storage.
 * Large blobs are generated as they are read and checked by digest, never held: the 500 MiB test runs in a heap
 * smaller than the blob (the module's surefire argLine), so a store that held it would fail with OutOfMemoryError.
 */
abstract class BlobStoreContract {

    /** Two keys: "new" encrypts, "old" still decrypts what it wrote. */
    static final BlobEncryption KEYS = new BlobEncryption("new=" + key(7) + ",old=" + key(3));

    /** A store with these keys over this test's storage: empty when the test starts, the same for every call in it. */
    abstract BlobStore store(BlobEncryption encryption) throws Exception;

    /** The bytes as kept: what someone reading the disk or the bucket gets. */
    abstract byte[] storedBytes(String key) throws Exception;

    /** Nothing of an unfinished write is left in the storage (temporary files, pending uploads). */
    abstract void assertNothingHalfWritten() throws Exception;

    BlobStore store() throws Exception {
        return store(KEYS);
    }

    @Test
    void storesReadsReplacesAndDeletes() throws Exception {
        BlobStore store = store();

        assertThat(store.put("uploads/u1/job-1/data.csv", stream("a,b\n1,2\n"))).isEqualTo(8);
        assertThat(read(store, "uploads/u1/job-1/data.csv")).isEqualTo("a,b\n1,2\n");

        store.put("uploads/u1/job-1/data.csv", stream("x"));
        assertThat(read(store, "uploads/u1/job-1/data.csv")).isEqualTo("x");

        store.delete("uploads/u1/job-1/data.csv");
        assertThat(store.open("uploads/u1/job-1/data.csv")).isEmpty();
        store.delete("uploads/u1/job-1/data.csv");
    }

    @Test
    void anEmptyBlobIsABlob() throws Exception {
        BlobStore store = store();
        assertThat(store.put("a/empty", stream(""))).isZero();
        assertThat(read(store, "a/empty")).isEmpty();
        assertThat(store.list("a/")).containsExactly("a/empty");
    }

    @Test
    void whatIsNotThereIsEmptyNotAnError() throws Exception {
        BlobStore store = store();
        assertThat(store.open("reports/nobody/j/report.pdf")).isEmpty();
        store.delete("reports/nobody/j/report.pdf");
        assertThat(store.list("reports/nobody/")).isEmpty();
        assertThat(store.deleteAll("reports/nobody/")).isZero();
    }

    @Test
    void refusesKeysThatEscapeTheStoreOrAreNotKeys() throws Exception {
        BlobStore store = store();
        for (String key : new String[] {"../etc/passwd", "a/../../x", "/abs", "a//b", "", "a/./b", "sp ace", "a/",
                "ü", "a\\b", "a?b", "a%2Fb"}) {
            assertThatThrownBy(() -> store.put(key, stream("x"))).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
        for (String prefix : new String[] {"a", "../", "a//", "/"}) {
            assertThatThrownBy(() -> store.list(prefix)).as(prefix).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.deleteAll(prefix)).as(prefix).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void keysMayUseEveryAllowedCharacter() throws Exception {
        BlobStore store = store();
        List<String> keys = List.of("k/ABCDEFGHIJKLMNOPQRSTUVWXYZ/abcdefghijklmnopqrstuvwxyz/0123456789",
                "k/.hidden", "k/...", "k/-_-/x.y.z", "k/a.b-c_d/_", "k/-");
        for (String key : keys) {
            store.put(key, stream(key));
        }
        for (String key : keys) {
            assertThat(read(store, key)).as(key).isEqualTo(key);
        }
        assertThat(store.list("k/")).containsExactlyElementsOf(new TreeSet<>(keys));
    }

    /** Over 1000 keys: S3 lists them in pages and deletes them in batches of at most 1000. */
    @Test
    void listsSortedAndDeletesEverythingUnderAPrefixAndNothingElse() throws Exception {
        BlobStore store = store();
        TreeSet<String> mine = new TreeSet<>();
        for (int i = 0; i < 1100; i++) {
            mine.add("reports/u1/j" + (i % 7) + "/f" + i);
        }
        mine.add("reports/u1/top");
        ExecutorService writers = Executors.newFixedThreadPool(4); // a store serves several threads at once
        try {
            for (Future<Long> put : writers.invokeAll(mine.stream().map(key -> (Callable<Long>) () -> store.put(key,
                    stream("1"))).toList())) {
                put.get();
            }
        } finally {
            writers.shutdown();
        }
        store.put("reports/u10/j/report.pdf", stream("2")); // "u1" is a prefix of "u10" as a string, not as a folder
        store.put("reports/u2/j/report.pdf", stream("3"));

        assertThat(store.list("reports/u1/")).containsExactlyElementsOf(mine);
        // Every blob holds one byte, so each takes the same room: every page of the listing is counted.
        long oneBlob = storedBytes("reports/u1/top").length;
        List<String> sized = new ArrayList<>();
        store.eachStoredSize("reports/u1/", (key, bytes) -> {
            assertThat(bytes).as(key).isEqualTo(oneBlob);
            sized.add(key);
        });
        assertThat(sized).containsExactlyInAnyOrderElementsOf(mine);
        assertThat(store.storedBytes("reports/u1/")).isEqualTo(1101 * oneBlob);
        assertThat(store.list("reports/u1/j3/")).hasSize(157).allMatch(key -> key.startsWith("reports/u1/j3/"));
        assertThat(store.deleteAll("reports/u1/")).isEqualTo(1101);
        assertThat(store.list("reports/u1/")).isEmpty();
        assertThat(store.open("reports/u1/top")).isEmpty();
        assertThat(store.list("reports/")).containsExactly("reports/u10/j/report.pdf", "reports/u2/j/report.pdf");
    }

    /** What a blob takes in the store is the size of its stored bytes, encrypted: more than was put. */
    @Test
    void storedSizesAreTheBytesKeptUnderAPrefixAndNothingElse() throws Exception {
        BlobStore store = store();
        Map<String, Integer> put = new TreeMap<>(Map.of(
                "uploads/u1/j1/document", 3 * 1024 * 1024 + 7, // several 1 MiB encrypted segments
                "uploads/u1/j1/meta.json", 120,
                "uploads/u1/j2/document", 0,
                "uploads/u10/j/document", 5000, // "u1" is a prefix of "u10" as a string, not as a folder
                "reports/u1/j1/report.pdf", 900));
        for (Map.Entry<String, Integer> blob : put.entrySet()) {
            store.put(blob.getKey(), new Generated(blob.getValue(), 4096, false));
        }
        Map<String, Long> kept = new TreeMap<>();
        for (String key : put.keySet()) {
            kept.put(key, (long) storedBytes(key).length);
            assertThat(kept.get(key)).as(key).isGreaterThan(put.get(key));
        }

        Map<String, Long> listed = new TreeMap<>();
        store.eachStoredSize("uploads/", (key, bytes) -> assertThat(listed.put(key, bytes)).as(key).isNull());
        assertThat(listed).isEqualTo(Map.of(
                "uploads/u1/j1/document", kept.get("uploads/u1/j1/document"),
                "uploads/u1/j1/meta.json", kept.get("uploads/u1/j1/meta.json"),
                "uploads/u1/j2/document", kept.get("uploads/u1/j2/document"),
                "uploads/u10/j/document", kept.get("uploads/u10/j/document")));
        assertThat(store.storedBytes("uploads/u1/")).isEqualTo(kept.get("uploads/u1/j1/document")
                + kept.get("uploads/u1/j1/meta.json") + kept.get("uploads/u1/j2/document"));
        assertThat(store.storedBytes("uploads/u1/j1/")).isEqualTo(kept.get("uploads/u1/j1/document")
                + kept.get("uploads/u1/j1/meta.json"));
        assertThat(store.storedBytes("reports/")).isEqualTo(kept.get("reports/u1/j1/report.pdf"));
        assertThat(store.storedBytes("uploads/nobody/")).isZero();
        assertThat(store.storedBytes("transforms/")).isZero();

        store.delete("uploads/u1/j1/document");
        assertThat(store.storedBytes("uploads/u1/")).isEqualTo(kept.get("uploads/u1/j1/meta.json")
                + kept.get("uploads/u1/j2/document"));
        for (String prefix : new String[] {"uploads", "../", "a//", "/"}) {
            assertThatThrownBy(() -> store.storedBytes(prefix)).as(prefix)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** The store never knows a length in advance; this one comes in odd pieces over several S3 parts. */
    @Test
    void aStreamOfUnknownLengthInOddPieces() throws Exception {
        BlobStore store = store();
        long size = 20L * 1024 * 1024 + 12345;
        MessageDigest written = sha256();
        InputStream dribble = new DigestInputStream(new Generated(size, 5, true), written);
        assertThat(store.put("uploads/u/j/stream", dribble)).isEqualTo(size);
        assertThat(digestOf(store, "uploads/u/j/stream", size)).isEqualTo(written.digest());
        assertNothingHalfWritten();
    }

    @Test
    void theStoredBytesAreNotThePlaintextAndTheReadIs() throws Exception {
        BlobStore store = store();
        String secret = "name,salary\nAna,123456\n".repeat(1000);
        store.put("uploads/u1/j1/document", stream(secret));

        String stored = new String(storedBytes("uploads/u1/j1/document"), StandardCharsets.ISO_8859_1);
        assertThat(stored).startsWith("AFE1").doesNotContain("salary").doesNotContain("Ana");
        assertThat(read(store, "uploads/u1/j1/document")).isEqualTo(secret);
    }

    @Test
    void blobsWrittenUnderAnOlderKeyStillReadAfterRotation() throws Exception {
        store(new BlobEncryption("old=" + key(3))).put("a/b.csv", stream("x,y\n"));
        assertThat(read(store(KEYS), "a/b.csv")).isEqualTo("x,y\n");
        assertThatThrownBy(() -> read(store(new BlobEncryption("other=" + key(9))), "a/b.csv"))
                .hasMessageContaining("key 'old', which is not configured");
    }

    /** The upload breaks after more than one S3 part: the previous blob stays, nothing half-written is left. */
    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousBlob() throws Exception {
        BlobStore store = store();
        store.put("uploads/u/j/data.csv", stream("before"));
        InputStream breaking = new java.io.SequenceInputStream(new Generated(10L * 1024 * 1024, 1, false),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("the client went away");
                    }
                });
        assertThatThrownBy(() -> store.put("uploads/u/j/data.csv", breaking)).hasMessage("the client went away");
        assertThat(read(store, "uploads/u/j/data.csv")).isEqualTo("before");
        assertThat(store.list("uploads/u/")).containsExactly("uploads/u/j/data.csv");
        assertNothingHalfWritten();
    }

    /** Links sign keys, not places: the gateway serves a stored blob while its link is fresh, and not after. */
    @Test
    void aSignedLinkOpensItsBlobUntilItExpires() throws Exception {
        BlobStore store = store();
        store.put("reports/u1/j1/report.pdf", stream("%PDF-1.7 the report"));
        SignedLinks links = new SignedLinks("a-test-key-of-at-least-thirty-two-bytes");
        Instant now = Instant.now();

        assertThat(links.verify(links.token("reports/u1/j1/report.pdf", "r.pdf", now.minusSeconds(1)), now)).isEmpty();
        SignedLinks.Link fresh = links.verify(links.token("reports/u1/j1/report.pdf", "r.pdf", now.plusSeconds(60)),
                now).orElseThrow();
        assertThat(read(store, fresh.blobKey())).isEqualTo("%PDF-1.7 the report");
    }

    @Test
    void a500MibBlobStreamsThroughInAHeapSmallerThanIt() throws Exception {
        long size = 500L * 1024 * 1024;
        assertThat(Runtime.getRuntime().maxMemory()).as("the heap must be smaller than the blob for this test to show"
                + " that it is streamed").isLessThan(size);
        BlobStore store = store();
        HeapPeak heap = HeapPeak.start();
        long started = System.nanoTime();
        MessageDigest written = sha256();
        assertThat(store.put("uploads/u/j/large.bin", new DigestInputStream(new Generated(size, 42, false), written)))
                .isEqualTo(size);
        long stored = System.nanoTime();
        assertThat(digestOf(store, "uploads/u/j/large.bin", size)).isEqualTo(written.digest());
        long done = System.nanoTime();
        System.out.printf("%s: 500 MiB put in %.1f s, read in %.1f s; heap used at most %d MiB of %d MiB%n",
                getClass().getSimpleName(), (stored - started) / 1e9, (done - stored) / 1e9, heap.stop() >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        store.delete("uploads/u/j/large.bin");
    }

    static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static String read(BlobStore store, String key) throws IOException {
        try (InputStream in = store.open(key).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String key(int seed) {
        byte[] key = new byte[32];
        new java.util.Random(seed).nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private static byte[] digestOf(BlobStore store, String key, long expectedSize) throws Exception {
        MessageDigest read = sha256();
        try (InputStream in = new DigestInputStream(store.open(key).orElseThrow(), read)) {
            assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(expectedSize);
        }
        return read.digest();
    }

    private static MessageDigest sha256() throws Exception {
        return MessageDigest.getInstance("SHA-256");
    }

    /** {@code size} pseudo-random bytes made as they are read, in odd small pieces if asked, of no known length. */
    static final class Generated extends InputStream {

        private final SplittableRandom random;
        private final boolean dribble;
        private long left;

        Generated(long size, long seed, boolean dribble) {
            this.random = new SplittableRandom(seed);
            this.left = size;
            this.dribble = dribble;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, left), dribble ? 1 + random.nextInt(4096) : Integer.MAX_VALUE);
            for (int i = 0; i < n; i += 8) {
                long value = random.nextLong();
                for (int j = 0; j < 8 && i + j < n; j++, value >>>= 8) {
                    b[off + i + j] = (byte) value;
                }
            }
            left -= n;
            return n;
        }
    }

    /** The most heap in use, sampled every 10 ms (garbage included, so an upper bound of what was held). */
    static final class HeapPeak {

        private final Thread sampler;
        private volatile long peak;

        private HeapPeak() {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-peak");
            sampler.setDaemon(true);
        }

        static HeapPeak start() {
            HeapPeak heap = new HeapPeak();
            heap.sampler.start();
            return heap;
        }

        long stop() throws InterruptedException {
            sampler.interrupt();
            sampler.join();
            return peak;
        }
    }
}
