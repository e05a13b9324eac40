package io.autoflow.notification;

import io.autoflow.testsupport.FlakyBlobStore;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** This service's tests run on the configured blob store wrapped in a {@link FlakyBlobStore}, which they can fail. */
@ApplicationScoped
public class FlakyBlobStores {

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    FlakyBlobStore blobStore(Config config) {
        return FlakyBlobStore.configured(config);
    }
}
