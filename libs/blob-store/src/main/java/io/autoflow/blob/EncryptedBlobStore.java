package io.autoflow.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * What every store shares: the same keys, and the one place bytes are encrypted on the way in and decrypted on the
 * way out ({@link BlobEncryption}), so the guarantee never depends on where they are kept (a disk, a bucket's own
 * settings). A store says only how its raw bytes are written and read.
 */
abstract class EncryptedBlobStore implements BlobStore {

    private final BlobEncryption encryption;

    EncryptedBlobStore(BlobEncryption encryption) {
        this.encryption = encryption;
    }

    @Override
    public final long put(String key, InputStream content) throws IOException {
        PendingBlob stored = write(BlobKeys.checked(key));
        try {
            OutputStream plaintext = encryption.encrypting(stored, key);
            long written = content.transferTo(plaintext);
            plaintext.close(); // the last segment, then the stored bytes' close(), which makes them visible
            return written;
        } catch (Throwable e) {
            stored.discardAfter(e);
            throw e;
        }
    }

    @Override
    public final Optional<InputStream> open(String key) throws IOException {
        Optional<InputStream> stored = read(BlobKeys.checked(key));
        if (stored.isEmpty()) {
            return stored;
        }
        try {
            return Optional.of(encryption.decrypting(stored.get(), key));
        } catch (IOException | RuntimeException e) {
            stored.get().close();
            throw e;
        }
    }

    /** Where the encrypted bytes of {@code key} (a checked key) go. */
    abstract PendingBlob write(String key) throws IOException;

    /** The encrypted bytes of {@code key} (a checked key), streamed, or empty when there is no such blob. */
    abstract Optional<InputStream> read(String key) throws IOException;
}
