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
}
