package io.autoflow.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.autoflow.gateway.domain.ApiKey;
import io.autoflow.gateway.domain.User;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local user of {@code ./autoflow up}: the key in the machine's key file works, in its tier, as an admin; gateways
 * starting at once on an empty database make one user and one key, and none of them fails.
 */
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

    @Test
    void gatewaysStartingAtOnceMakeOneUserWithOneKey() throws Exception {
        int gateways = 4;
        ExecutorService starts = Executors.newFixedThreadPool(gateways);
        try {
            for (int round = 0; round < 5; round++) { // a race lost once in a while would still show
                String email = "local-" + UUID.randomUUID() + "@autoflow.localhost";
                String key = ApiKeys.newKey();
                CyclicBarrier together = new CyclicBarrier(gateways);
                List<Future<User>> started = IntStream.range(0, gateways).mapToObj(i -> starts.submit(() -> {
                    together.await();
                    return await(() -> apiKeys.ensureUserWithKey(email, "enterprise", key));
                })).toList();

                for (Future<User> gateway : started) {
                    assertThat(gateway.get(30, TimeUnit.SECONDS).email).isEqualTo(email); // none failed
                }
                assertThat(started.stream().map(this::userId).distinct()).hasSize(1);
                assertThat(await(() -> Panache.withSession(() -> User.count("email", email)))).isEqualTo(1);
                assertThat(await(() -> Panache.withSession(() -> ApiKey.count("keyHash", ApiKeys.hash(key)))))
                        .isEqualTo(1);
            }
        } finally {
            starts.shutdownNow();
        }
    }

    private UUID userId(Future<User> started) {
        try {
            return started.get().id;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Supplier<Uni<T>> work) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
