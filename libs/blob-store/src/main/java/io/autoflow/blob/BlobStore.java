package io.autoflow.blob;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Stores files (uploads, charts, reports) by key. Events and rows carry keys, never the bytes. Keys are relative
 * paths made of {@code [A-Za-z0-9._-]} segments separated by {@code /}.
 */
public interface BlobStore {

    /** Stores the stream under {@code key}, replacing what was there, and returns the number of bytes written. */
    long put(String key, InputStream content) throws IOException;

    /** Opens the blob for reading, or empty when there is none. */
    Optional<InputStream> open(String key) throws IOException;

    /** Removes the blob; removing a missing blob is not an error. */
    void delete(String key) throws IOException;

    /** The keys under a prefix such as {@code uploads/<user>/}, sorted. */
    List<String> list(String prefix) throws IOException;

    /**
     * Gives every blob under a prefix such as {@code uploads/} with the bytes it takes in the store, in no particular
     * order, from a listing alone: no blob is read (S3: ListObjectsV2 pages of 1,000 keys; the filesystem: one walk of
     * the directory). The bytes are what is kept, encrypted: a little more than what was put. Blobs still being
     * written are not there yet.
     */
    void eachStoredSize(String prefix, StoredSize each) throws IOException;

    /** The bytes the blobs under a prefix such as {@code uploads/<user>/} take in the store ({@link #eachStoredSize}). */
    default long storedBytes(String prefix) throws IOException {
        long[] total = {0};
        eachStoredSize(prefix, (key, bytes) -> total[0] += bytes);
        return total[0];
    }

    /**
     * Fails, within seconds, when the store cannot be used now: the bucket cannot be reached, or the directory cannot
     * be written. Cheap (one HeadBucket, or one small file written and removed); {@link BlobStoreReadiness} calls it.
     *
     * @throws BlobStoreUnavailableException when that clears by itself (the store busy or away), or an IOException
     *         when it will not (refused credentials, a missing bucket, a directory that cannot be written)
     */
    void probe() throws IOException;

    /** Removes every blob under a prefix such as {@code reports/<user>/}; returns how many. */
    default int deleteAll(String prefix) throws IOException {
        List<String> keys = list(prefix);
        for (String key : keys) {
            delete(key);
        }
        return keys.size();
    }

    /** One blob of a listing and the bytes it takes in the store. */
    @FunctionalInterface
    interface StoredSize {
        void accept(String key, long storedBytes);
    }
}
