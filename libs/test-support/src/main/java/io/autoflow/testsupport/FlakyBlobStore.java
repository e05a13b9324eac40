package io.autoflow.testsupport;

import io.autoflow.blob.BlobStore;
import io.autoflow.blob.BlobStoreProducer;
import io.autoflow.blob.BlobStoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;

/**
 * The service's configured blob store, failing on cue as an object store does: the next calls on a job's keys fail
 * as S3 answering {@code 503 SlowDown} past the SDK's own retries ({@link BlobStoreUnavailableException}), or every
 * call with a lasting fault such as refused credentials. Calls on other keys, and the calls after the faults, reach
 * the real store. A service's tests make it their {@code BlobStore} with an {@code @Alternative} producer of
 * {@link #configured(Config)}.
 */
public class FlakyBlobStore implements BlobStore {

    private final BlobStore store;
    private final AtomicInteger failed = new AtomicInteger();
    private volatile Fault fault;

    public FlakyBlobStore(BlobStore store) {
        this.store = store;
    }

    /** The store the configuration chooses ({@code autoflow.blob.*}), flaky. */
    public static FlakyBlobStore configured(Config config) {
        return new FlakyBlobStore(BlobStoreProducer.configured(config.getValue("autoflow.blob.keys", String.class),
                config));
    }

    /** The next {@code calls} calls on keys (or prefixes) containing {@code keyPart} fail as a busy S3 does. */
    public void failNext(int calls, String keyPart) {
        fault = new Fault(keyPart, new AtomicInteger(calls), null);
    }

    /** Every call on keys containing {@code keyPart} fails with {@code lasting}, until {@link #heal()}. */
    public void failAlways(String keyPart, IOException lasting) {
        fault = new Fault(keyPart, null, lasting);
    }

    public void heal() {
        fault = null;
    }

    /** How many calls failed so far. */
    public int failures() {
        return failed.get();
    }

    @Override
    public long put(String key, InputStream content) throws IOException {
        failIfDue(key, "write");
        return store.put(key, content);
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        failIfDue(key, "read");
        return store.open(key);
    }

    @Override
    public void delete(String key) throws IOException {
        failIfDue(key, "delete");
        store.delete(key);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        failIfDue(prefix, "list");
        return store.list(prefix);
    }

    @Override
    public void eachStoredSize(String prefix, StoredSize each) throws IOException {
        failIfDue(prefix, "list");
        store.eachStoredSize(prefix, each);
    }

    @Override
    public int deleteAll(String prefix) throws IOException {
        failIfDue(prefix, "delete under");
        return store.deleteAll(prefix);
    }

    @Override
    public void probe() throws IOException {
        store.probe();
    }

    private void failIfDue(String key, String what) throws IOException {
        Fault due = fault;
        if (due == null || !key.contains(due.keyPart)) {
            return;
        }
        if (due.lasting != null) {
            failed.incrementAndGet();
            throw due.lasting;
        }
        if (due.left.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            failed.incrementAndGet();
            throw new BlobStoreUnavailableException("S3 could not " + what + " " + key
                    + ": 503 SlowDown Please reduce your request rate.", null);
        }
    }

    private record Fault(String keyPart, AtomicInteger left, IOException lasting) {
    }
}
