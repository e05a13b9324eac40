package io.autoflow.gateway.auth;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On the local stack, makes the key that {@code ./autoflow up} generated (in {@code .autoflow/api-key}) a valid key of
 * the local user, so the platform is usable at once. The local user is in the tier
 * {@code autoflow.gateway.local-user-tier} (enterprise unless set: the machine's owner may use all of it), and an
 * administrator: whoever holds the machine's key file operates its platform (dead letters, tiers).
 */
@ApplicationScoped
public class LocalUserBootstrap {

    static final String LOCAL_EMAIL = "local@autoflow.localhost";
    private static final Logger LOG = Logger.getLogger(LocalUserBootstrap.class);

    void onStart(@Observes StartupEvent event, ApiKeys apiKeys, Administrators administrators,
            @ConfigProperty(name = "autoflow.gateway.local-api-key-file") Optional<Path> keyFile,
            @ConfigProperty(name = "autoflow.gateway.local-user-tier", defaultValue = "enterprise") String tier)
            throws Throwable {
        if (keyFile.isEmpty() || !Files.isRegularFile(keyFile.get())) {
            return;
        }
        String key = read(keyFile.get());
        VertxContextSupport.subscribeAndAwait(() -> apiKeys.ensureUserWithKey(LOCAL_EMAIL, tier, key)
                .chain(user -> administrators.appoint(user.id)));
        LOG.infof("Local user %s (%s tier, admin) holds the key in %s", LOCAL_EMAIL, tier, keyFile.get());
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).trim();
    }
}
