package io.autoflow.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local user of {@code ./autoflow up}: the key in the machine's key file works, in its tier, as an admin. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class LocalUserBootstrapTest {

    @Inject
    LocalUserBootstrap bootstrap;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Administrators administrators;

    @Test
    void theHolderOfTheMachinesKeyFileOperatesThePlatform(@TempDir Path dir) throws Throwable {
        String key = ApiKeys.newKey();
        Path keyFile = Files.writeString(dir.resolve("api-key"), key + "\n");

        bootstrap.onStart(null, apiKeys, administrators, Optional.of(keyFile), "enterprise");

        given().header("X-API-Key", key).queryParam("email", LocalUserBootstrap.LOCAL_EMAIL).get("/api/admin/users")
                .then().statusCode(200).body("tier", is("enterprise"));
    }

    @Test
    void anotherApiKeyUserIsNoAdmin() throws Throwable {
        String key = ApiKeys.newKey();
        VertxContextSupport.subscribeAndAwait(
                () -> apiKeys.ensureUserWithKey(UUID.randomUUID() + "@example.com", "pro", key));

        given().header("X-API-Key", key).queryParam("email", LocalUserBootstrap.LOCAL_EMAIL).get("/api/admin/users")
                .then().statusCode(403).body("code", is("forbidden"));
    }
}
