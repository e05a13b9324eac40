package io.autoflow.gateway;

import io.autoflow.blob.BlobStore;
import io.autoflow.testsupport.FlakyBlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway tests' blob store: the configured one, failing on cue ({@link FlakyBlobStore}), watching every stream it
 * opens (how many bytes were read from it, whether it was closed), so a test can tell a download streamed from one
 * read whole before it was sent.
 */
public class WatchedBlobStore extends FlakyBlobStore {

    private final Map<String, Reads> lastOpened = new ConcurrentHashMap<>();

    public WatchedBlobStore(BlobStore store) {
        super(store);
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        return super.open(key).map(stream -> {
            Reads reads = new Reads();
            lastOpened.put(key, reads);
            return new WatchedStream(stream, reads);
        });
    }

    /** What was read from the last stream opened on {@code key}, or null when none was. */
    public Reads lastOpened(String key) {
        return lastOpened.get(key);
    }

    /** The bytes read from one opened stream, and whether it was closed. */
    public static final class Reads {
        private final AtomicLong bytes = new AtomicLong();
        private volatile boolean closed;

        public long bytes() {
            return bytes.get();
        }

        public boolean closed() {
            return closed;
        }
    }

    private static final class WatchedStream extends InputStream {
        private final InputStream stream;
        private final Reads reads;

        WatchedStream(InputStream stream, Reads reads) {
            this.stream = stream;
            this.reads = reads;
        }

        @Override
        public int read() throws IOException {
            int b = stream.read();
            if (b >= 0) {
                reads.bytes.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = stream.read(buffer, offset, length);
            if (read > 0) {
                reads.bytes.addAndGet(read);
            }
            return read;
        }

        @Override
        public int available() throws IOException {
            return stream.available();
        }

        @Override
        public void close() throws IOException {
            reads.closed = true;
            stream.close();
        }
    }
}
