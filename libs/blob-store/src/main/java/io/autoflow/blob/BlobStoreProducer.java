package io.autoflow.blob;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes the configured blob store injectable in every service that handles files. {@code autoflow.blob.store} chooses
 * it: {@code filesystem} (the default, one machine) or {@code s3} (an S3-compatible object store, for services on
 * several machines).
 */
@ApplicationScoped
public class BlobStoreProducer {

    /**
     * @param keys {@code autoflow.blob.keys}: the keys files are encrypted with, {@code id=<base64>,...}, newest first
     * @param config for the chosen store's settings: {@code autoflow.blob.dir}, the directory of the filesystem store,
     *        shared by the services of one machine; or {@code autoflow.blob.s3.*} ({@link #s3Settings})
     */
    @Produces
    @ApplicationScoped
    BlobStore blobStore(@ConfigProperty(name = "autoflow.blob.keys") String keys, Config config) {
        return configured(keys, config);
    }

    /** The store {@code config} chooses, for code that builds its own, such as a test's store that fails on cue. */
    public static BlobStore configured(String keys, Config config) {
        BlobEncryption encryption = new BlobEncryption(keys);
        String store = config.getOptionalValue("autoflow.blob.store", String.class).orElse("filesystem");
        return switch (store) {
            case "filesystem" -> new FileSystemBlobStore(Path.of(config.getValue("autoflow.blob.dir", String.class)),
                    encryption);
            case "s3" -> {
                S3Settings settings = s3Settings(config);
                yield new S3BlobStore(settings.newClient(), settings.bucket(), encryption);
            }
            default -> throw new IllegalArgumentException("autoflow.blob.store is filesystem or s3, not " + store);
        };
    }

    void close(@Disposes BlobStore store) throws IOException {
        if (store instanceof Closeable closeable) {
            closeable.close();
        }
    }

    /** @param signingKey {@code autoflow.links.signing-key}: the same in the services that sign and serve links */
    @Produces
    @ApplicationScoped
    SignedLinks signedLinks(@ConfigProperty(name = "autoflow.links.signing-key") String signingKey) {
        return new SignedLinks(signingKey);
    }

    /**
     * {@code autoflow.blob.s3.endpoint} (empty for AWS S3), {@code .region}, {@code .bucket}, {@code .path-style}
     * ({@code false} by default), {@code .access-key-id} and {@code .secret-access-key} (both empty for the SDK's
     * default credentials chain); see {@link S3Settings}.
     */
    static S3Settings s3Settings(Config config) {
        return new S3Settings(optional(config, "endpoint").map(URI::create), optional(config, "region"),
                optional(config, "bucket").orElse(null),
                optional(config, "path-style").map(Boolean::parseBoolean).orElse(false),
                optional(config, "access-key-id"), optional(config, "secret-access-key"));
    }

    /** An empty value counts as none, so that {@code ${AUTOFLOW_BLOB_S3_X:}} defaults mean "not given". */
    private static java.util.Optional<String> optional(Config config, String key) {
        return config.getOptionalValue("autoflow.blob.s3." + key, String.class).map(String::trim)
                .filter(value -> !value.isEmpty());
    }
}
