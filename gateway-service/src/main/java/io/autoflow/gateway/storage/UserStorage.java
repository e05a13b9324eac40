package io.autoflow.gateway.storage;

import io.autoflow.blob.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The room users' files take in the blob store, read from listings (no file is read). Every service keeps a user's
 * files under {@code <area>/<user id>/<job id>/...}, in the areas of {@link #AREAS}. Blocking: call it on a worker
 * thread.
 */
@ApplicationScoped
public class UserStorage {

    /**
     * The blob store's folders that hold a user's files under {@code <area>/<user id>/}: their documents (gateway),
     * charts, results and reports (analytics), API calls and answers (automation) and converted files (transform).
     */
    public static final List<String> AREAS = List.of("uploads", "reports", "automations", "transforms");

    private final BlobStore blobs;

    public UserStorage(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** What one walk of every area found: all the bytes, and each user's (by user id, users without files absent). */
    public record Walk(long totalBytes, Map<String, Long> bytesByUser) {
    }

    /** The bytes one user's files take, in every area: one listing of their folder per area. */
    public long usedBy(UUID user) throws IOException {
        long total = 0;
        for (String area : AREAS) {
            total += blobs.storedBytes(area + "/" + user + "/");
        }
        return total;
    }

    /** One listing of every area, each key's bytes added to its user's (the segment after the area). */
    public Walk walk() throws IOException {
        Map<String, Long> byUser = new HashMap<>();
        long[] total = {0};
        for (String area : AREAS) {
            int userStart = area.length() + 1;
            blobs.eachStoredSize(area + "/", (key, bytes) -> {
                total[0] += bytes;
                int userEnd = key.indexOf('/', userStart);
                if (userEnd > userStart) { // a key right under the area has no user: counted in the total only
                    byUser.merge(key.substring(userStart, userEnd), bytes, Long::sum);
                }
            });
        }
        return new Walk(total[0], byUser);
    }
}
