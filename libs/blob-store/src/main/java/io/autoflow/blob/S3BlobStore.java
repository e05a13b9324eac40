package io.autoflow.blob;

import static io.autoflow.blob.S3Failures.call;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blob store on an S3-compatible object store, for services on several machines sharing their files. Objects hold the
 * same encrypted bytes as the filesystem store's files ({@link BlobEncryption}), whatever the bucket's own settings.
 * Writes stream in parts ({@link S3Upload}); reads stream the object. Failures that clear by themselves are
 * {@link BlobStoreUnavailableException}s, after the SDK's own retries.
 */
public class S3BlobStore extends EncryptedBlobStore implements Closeable {

    /** A probe that has no answer by then is an answer, the store is away: within the readiness probe's 3 s. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** One part in memory per write: 8 MiB parts reach S3's 10,000-part limit at 80 GiB. */
    static final int PART_BYTES = 8 << 20;
    /** The most keys a ListObjectsV2 page or a DeleteObjects request holds. */
    private static final int BATCH = 1000;

    private final S3Client s3;
    private final String bucket;
    private final int partBytes;

    /** @param s3 closed with this store */
    public S3BlobStore(S3Client s3, String bucket, BlobEncryption encryption) {
        this(s3, bucket, encryption, PART_BYTES);
    }

    S3BlobStore(S3Client s3, String bucket, BlobEncryption encryption, int partBytes) {
        super(encryption);
        this.s3 = s3;
        this.bucket = bucket;
        this.partBytes = partBytes;
    }

    @Override
    PendingBlob write(String key) {
        return new S3Upload(s3, bucket, key, partBytes);
    }

    @Override
    Optional<InputStream> read(String key) throws IOException {
        return call("read " + key, () -> {
            try {
                return Optional.of(s3.getObject(r -> r.bucket(bucket).key(key)));
            } catch (NoSuchKeyException e) { // a missing bucket is NoSuchBucket, a fault
                return Optional.empty();
            }
        });
    }

    @Override
    public void delete(String key) throws IOException {
        BlobKeys.checked(key);
        call("delete " + key, () -> s3.deleteObject(r -> r.bucket(bucket).key(key)));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        eachPage(prefix, page -> page.stream().map(S3Object::key).filter(S3BlobStore::isBlob).forEach(keys::add));
        return keys.stream().sorted().toList(); // S3 lists in UTF-8 byte order; the same for our ASCII keys
    }

    /** The sizes ListObjectsV2 gives with each key: one request per 1,000 objects, none read. */
    @Override
    public void eachStoredSize(String prefix, StoredSize each) throws IOException {
        eachPage(prefix, page -> page.stream().filter(object -> isBlob(object.key()))
                .forEach(object -> each.accept(object.key(), object.size() == null ? 0 : object.size())));
    }

    /**
     * Folder markers under the prefix go too, uncounted, once what they hold is gone: a store whose markers are
     * directories (s3proxy's filesystem backend) cannot remove them before.
     */
    @Override
    public int deleteAll(String prefix) throws IOException {
        List<String> markers = new ArrayList<>();
        int[] deleted = {0};
        eachPage(prefix, page -> {
            List<String> keys = page.stream().map(S3Object::key).toList();
            List<String> blobs = keys.stream().filter(S3BlobStore::isBlob).toList();
            keys.stream().filter(key -> !isBlob(key)).forEach(markers::add);
            deleteBatched(prefix, blobs);
            deleted[0] += blobs.size();
        });
        markers.sort(Comparator.reverseOrder()); // inner folders first
        deleteBatched(prefix, markers);
        return deleted[0];
    }

    /** One HeadBucket (s3:ListBucket), within {@link #PROBE_TIMEOUT} whatever the SDK's retries. */
    @Override
    public void probe() throws IOException {
        call("reach the bucket " + bucket, () -> s3.headBucket(r -> r.bucket(bucket)
                .overrideConfiguration(o -> o.apiCallTimeout(PROBE_TIMEOUT))));
    }

    @Override
    public void close() {
        s3.close();
    }

    /**
     * Not a folder marker ({@code reports/u1/}): S3 consoles and some S3-compatible stores (s3proxy's filesystem
     * backend) list those, and no blob key ends with {@code /}.
     */
    private static boolean isBlob(String key) {
        return !key.endsWith("/");
    }

    /** Every page of objects under the prefix, following ListObjectsV2's continuation tokens. */
    private void eachPage(String prefix, PageAction action) throws IOException {
        BlobKeys.checkedPrefix(prefix);
        String token = null;
        do {
            String after = token;
            ListObjectsV2Response page = call("list " + prefix, () -> s3.listObjectsV2(r -> r.bucket(bucket)
                    .prefix(prefix).maxKeys(BATCH).continuationToken(after)));
            action.accept(page.contents());
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    /** DeleteObjects, up to 1000 keys a request. */
    private void deleteBatched(String prefix, List<String> keys) throws IOException {
        for (int from = 0; from < keys.size(); from += BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + BATCH)).stream()
                    .map(key -> ObjectIdentifier.builder().key(key).build()).toList();
            DeleteObjectsResponse answer = call("delete under " + prefix, () -> s3.deleteObjects(r -> r.bucket(bucket)
                    .delete(d -> d.quiet(true).objects(batch))));
            if (answer.hasErrors() && !answer.errors().isEmpty()) { // each key can fail on its own
                throw S3Failures.ofDeleteErrors("delete under " + prefix, answer.errors());
            }
        }
    }

    @FunctionalInterface
    private interface PageAction {
        void accept(List<S3Object> objects) throws IOException;
    }
}
