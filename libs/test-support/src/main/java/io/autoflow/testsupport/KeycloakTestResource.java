package io.autoflow.testsupport;

import io.autoflow.localstack.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Keycloak for a test JVM, with the realm kept in the repository ({@code config/keycloak/autoflow-realm.json}).
 * The distribution's tar.gz comes from Maven Central: the module names it as a test dependency and passes its path in
 * the system property {@code autoflow.keycloak.dist}. Sets {@code quarkus.oidc.*} to the realm.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    private static KeycloakServer server;

    @Override
    public Map<String, String> start() {
        String distribution = System.getProperty("autoflow.keycloak.dist");
        String realm = System.getProperty("autoflow.keycloak.realm-file");
        if (distribution == null || realm == null) {
            throw new IllegalStateException("Set autoflow.keycloak.dist and autoflow.keycloak.realm-file for tests");
        }
        server = new KeycloakServer(Path.of(distribution), Path.of("target", "keycloak"), Path.of(realm), "autoflow",
                KeycloakServer.freePort()).start();
        return Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.auth-server-url", server.issuer());
    }

    /** The running server, for tests that ask it for tokens. */
    public static KeycloakServer server() {
        return server;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
