package io.autoflow.gateway.rest;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jboss.logging.Logger;

/**
 * The body of a download: a stored file copied to the client as it is read from the blob store, a buffer at a time,
 * never held whole. Written by a resource method that runs on a worker thread ({@code @Blocking}), so each write
 * waits while the client is slower than the store. The store's stream is closed in every case; a client that goes
 * away mid-file is normal and ends the copy quietly, while a store that fails mid-file is an error (the connection is
 * cut, since the answer has begun).
 */
final class BlobDownload implements StreamingOutput {

    private static final Logger LOG = Logger.getLogger(BlobDownload.class);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream content;
    private final String key;

    BlobDownload(InputStream content, String key) {
        this.content = content;
        this.key = key;
    }

    @Override
    public void write(OutputStream client) throws IOException {
        try (InputStream in = content) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                try {
                    client.write(buffer, 0, read);
                } catch (IOException gone) {
                    LOG.debugf("The client went away while downloading %s: %s", key, gone.getMessage());
                    return;
                }
            }
        }
    }
}
