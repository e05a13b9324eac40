package io.autoflow.gateway.webhook;

import io.autoflow.gateway.rest.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A webhook's body, spooled to a temporary file as it streams in (a file may be as large as its owner's tier allows,
 * hundreds of MB), its bytes fed to the signature check on the way, and stopped as soon as it passes its bound.
 * Blocking: read it on a worker thread. Close it to delete the file.
 *
 * @param size how many bytes it holds (0: the request had no body)
 */
public record WebhookBody(Path file, long size) implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    /**
     * @param signature the check the bytes go through, or null when the workflow checks none
     * @param tooLarge the refusal once the body passes {@code maxBytes}
     */
    public static WebhookBody read(InputStream in, long maxBytes, WebhookSignature signature,
            Supplier<ApiException> tooLarge) throws IOException {
        Path file = Files.createTempFile("autoflow-webhook-", ".body");
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            if (in == null) {
                return new WebhookBody(file, 0);
            }
            byte[] chunk = new byte[CHUNK];
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                size += read;
                if (size > maxBytes) {
                    throw tooLarge.get();
                }
                if (signature != null) {
                    signature.update(chunk, 0, read);
                }
                out.write(chunk, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new WebhookBody(file, size);
    }

    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
