package io.autoflow.ingest;

import io.autoflow.blob.BlobStore;
import io.autoflow.service.VertxContexts;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Lets a document into the platform: a file already on disk (an upload), or one fetched from a URL, is checked
 * ({@link DocumentInspector}: real type, malware) and only then stored in the blob store under the key given.
 */
@ApplicationScoped
public class DocumentIntake {

    private final DocumentInspector inspector;
    private final UrlDownloader downloader;
    private final BlobStore blobs;

    public DocumentIntake(DocumentInspector inspector, UrlDownloader downloader, BlobStore blobs) {
        this.inspector = inspector;
        this.downloader = downloader;
        this.blobs = blobs;
    }

    /**
     * Checks and stores a file. Blocking: call it from a worker thread.
     *
     * @throws IngestException {@code empty_file}, or why {@link DocumentInspector} refused it
     */
    public StoredDocument store(Path file, String fileName, long size, String key) throws IOException {
        String contentType = checked(file, fileName, size);
        put(file, key);
        return new StoredDocument(key, fileName, contentType, size);
    }

    /**
     * Downloads the document at a URL (public addresses only, at most {@code maxBytes}, within the configured
     * deadline), then checks and stores it like an upload. Call it on a Vert.x context; the download's temporary
     * file is deleted whatever happens.
     */
    public Uni<StoredDocument> fetch(String url, long maxBytes, String key) {
        return fetch(url, maxBytes, key, (what, put) -> put.call());
    }

    /**
     * As {@link #fetch}, for a job's worker, which can wait where a person's request cannot: the blob store briefly
     * away is waited out ({@link TransientRetry}) rather than failing the job. Only the store step is repeated, never
     * the download or its checks.
     *
     * @param topic the topic of the record whose job this is, by which the retries are counted
     */
    public Uni<StoredDocument> fetchForJob(String url, long maxBytes, String key, TransientRetry retry,
            String topic) {
        return fetch(url, maxBytes, key, (what, put) -> retry.handleBlocking(topic, what, put));
    }

    private Uni<StoredDocument> fetch(String url, long maxBytes, String key, Storing storing) {
        return downloader.download(url, maxBytes).chain(downloaded -> VertxContexts.blocking(() -> {
            String contentType = checked(downloaded.file(), downloaded.fileName(), downloaded.size());
            storing.store("Storing " + key, () -> put(downloaded.file(), key));
            return new StoredDocument(key, downloaded.fileName(), contentType, downloaded.size());
        }).onTermination().call(() -> VertxContexts.blocking(() -> Files.deleteIfExists(downloaded.file()))));
    }

    private String checked(Path file, String fileName, long size) throws IOException {
        if (size == 0) {
            throw new IngestException("empty_file", "The document is empty");
        }
        return inspector.inspect(file, fileName);
    }

    private long put(Path file, String key) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return blobs.put(key, in);
        }
    }

    /** How the store step runs: once, or through transient faults. */
    @FunctionalInterface
    private interface Storing {
        void store(String what, Callable<Long> put) throws Exception;
    }
}
