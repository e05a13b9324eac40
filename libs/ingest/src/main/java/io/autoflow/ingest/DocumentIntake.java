package io.autoflow.ingest;

import io.autoflow.blob.BlobStore;
import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
        if (size == 0) {
            throw new IngestException("empty_file", "The document is empty");
        }
        String contentType = inspector.inspect(file, fileName);
        try (InputStream in = Files.newInputStream(file)) {
            blobs.put(key, in);
        }
        return new StoredDocument(key, fileName, contentType, size);
    }

    /**
     * Downloads the document at a URL (public addresses only, at most {@code maxBytes}, within the configured
     * deadline), then checks and stores it like an upload. Call it on a Vert.x context; the download's temporary
     * file is deleted whatever happens.
     */
    public Uni<StoredDocument> fetch(String url, long maxBytes, String key) {
        return downloader.download(url, maxBytes).chain(downloaded -> VertxContexts.blocking(
                        () -> store(downloaded.file(), downloaded.fileName(), downloaded.size(), key))
                .onTermination().call(() -> VertxContexts.blocking(() -> Files.deleteIfExists(downloaded.file()))));
    }
}
