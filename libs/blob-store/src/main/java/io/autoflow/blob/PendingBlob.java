package io.autoflow.blob;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The stored bytes of a blob being written: they become visible under the blob's key when closed, and never if
 * discarded first, so a reader sees the previous blob or the whole new one, never part of it.
 */
abstract class PendingBlob extends OutputStream {

    private boolean finished;

    /** Makes the bytes visible under the key; if that fails, nothing written is left behind. */
    @Override
    public final void close() throws IOException {
        if (finished) {
            return;
        }
        try {
            commit();
        } catch (Throwable e) {
            discardAfter(e);
            throw e;
        }
        finished = true;
    }

    /** Drops what was written because of {@code failure}; a failure to drop it is added to that one. */
    final void discardAfter(Throwable failure) {
        if (finished) {
            return;
        }
        finished = true;
        try {
            abort();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    abstract void commit() throws IOException;

    abstract void abort() throws IOException;
}
