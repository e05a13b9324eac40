package io.autoflow.blob;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encrypts files at rest with AES-256-GCM in 1 MiB segments (Tink's streaming AEAD: a fresh key per file derived with
 * HKDF, each segment authenticated, memory independent of the file's size). The blob's key is the associated data,
 * so a file moved to another name does not decrypt. Each file starts with {@code AFE1}, the length of the key id and
 * the key id, so keys can rotate: the first configured key encrypts, every configured key decrypts what it wrote.
 * A file without that header is read as it is (written before encryption was turned on).
 */
public final class BlobEncryption {

    private static final byte[] MAGIC = "AFE1".getBytes(StandardCharsets.US_ASCII);
    private static final int SEGMENT_BYTES = 1 << 20;

    private final String currentId;
    private final Map<String, AesGcmHkdfStreaming> keys = new LinkedHashMap<>();

    /** @param keys {@code id=<base64 of 32 bytes>} entries separated by commas; the first one encrypts */
    public BlobEncryption(String keys) {
        if (keys == null || keys.isBlank()) {
            throw new IllegalArgumentException("No blob encryption key configured (autoflow.blob.keys)");
        }
        for (String entry : keys.split(",")) {
            String[] idAndKey = entry.trim().split("=", 2);
            if (idAndKey.length != 2 || !idAndKey[0].matches("[A-Za-z0-9_-]{1,32}")) {
                throw new IllegalArgumentException("A blob key is written id=<base64 of 32 bytes>");
            }
            byte[] key = Base64.getDecoder().decode(idAndKey[1].trim());
            if (key.length != 32) {
                throw new IllegalArgumentException("Blob key " + idAndKey[0] + " is not 32 bytes");
            }
            try {
                this.keys.put(idAndKey[0], new AesGcmHkdfStreaming(key, "HmacSha256", 32, SEGMENT_BYTES, 0));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        this.currentId = this.keys.keySet().iterator().next();
    }

    /** Where to write the plaintext of {@code blobKey}: the header goes out now, ciphertext as it is written. */
    public OutputStream encrypting(OutputStream raw, String blobKey) throws IOException {
        byte[] id = currentId.getBytes(StandardCharsets.US_ASCII);
        raw.write(MAGIC);
        raw.write(id.length);
        raw.write(id);
        try {
            return keys.get(currentId).newEncryptingStream(raw, associatedData(blobKey));
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not start encrypting " + blobKey, e);
        }
    }

    /** The plaintext of a stored file; reading fails with an IOException if any byte was changed. */
    public InputStream decrypting(InputStream raw, String blobKey) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, MAGIC.length);
        byte[] head = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(head, MAGIC)) {
            in.unread(head);
            return in;
        }
        int idLength = in.read();
        String id = new String(in.readNBytes(Math.max(idLength, 0)), StandardCharsets.US_ASCII);
        AesGcmHkdfStreaming key = keys.get(id);
        if (key == null) {
            throw new IOException("Blob " + blobKey + " is encrypted with key '" + id + "', which is not configured");
        }
        try {
            return key.newDecryptingStream(in, associatedData(blobKey));
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not start decrypting " + blobKey, e);
        }
    }

    private static byte[] associatedData(String blobKey) {
        return blobKey.getBytes(StandardCharsets.UTF_8);
    }
}
