package io.autoflow.gateway;

import io.autoflow.blob.BlobStoreProducer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** This service's tests run on the configured blob store wrapped in a {@link WatchedBlobStore}. */
@ApplicationScoped
public class WatchedBlobStores {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    WatchedBlobStore blobStore(Config config) {
        return new WatchedBlobStore(BlobStoreProducer.configured(config.getValue("autoflow.blob.keys", String.class),
                config));
    }
}
