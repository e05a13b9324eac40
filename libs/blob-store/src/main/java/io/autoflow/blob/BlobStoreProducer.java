package io.autoflow.blob;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the configured blob store injectable in every service that handles files. */
@ApplicationScoped
public class BlobStoreProducer {

    /**
     * @param directory {@code autoflow.blob.dir}: the directory of the filesystem store, shared by the services of
     *        one machine
     * @param keys {@code autoflow.blob.keys}: the keys files are encrypted with, {@code id=<base64>,...}, newest first
     */
    @Produces
    @ApplicationScoped
    BlobStore blobStore(@ConfigProperty(name = "autoflow.blob.dir") Path directory,
            @ConfigProperty(name = "autoflow.blob.keys") String keys) {
        return new FileSystemBlobStore(directory, new BlobEncryption(keys));
    }

    /** @param signingKey {@code autoflow.links.signing-key}: the same in the services that sign and serve links */
    @Produces
    @ApplicationScoped
    SignedLinks signedLinks(@ConfigProperty(name = "autoflow.links.signing-key") String signingKey) {
        return new SignedLinks(signingKey);
    }
}
