package io.autoflow.automation;

import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.autoflow.automation.service.CredentialRefused;
import io.autoflow.automation.service.Credentials;
import io.autoflow.automation.service.UnreadableCredentialException;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.auth.ServiceTokens;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Stored credentials through the internal API the gateway calls, on the real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class CredentialStoreTest {

    private static final String SECRET = "ghp_s3cr3t-value-never-shown";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Credentials credentials;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aCredentialIsStoredSealedListedWithoutItsSecretRotatedAndDeleted() throws Throwable {
        String user = newUser();
        String made = given().contentType("application/json")
                .body(Map.of("name", "github", "kind", "bearer", "secret", SECRET))
                .post(path(user)).then().statusCode(201)
                .body("name", is("github")).body("kind", is("bearer")).body("secret", nullValue())
                .extract().asString();
        assertThat(made).doesNotContain(SECRET);

        Row stored = row(user, "github");
        assertThat(stored.keyId).isEqualTo("test2");
        assertThat(stored.nonce).hasSize(12);
        assertThat(new String(stored.ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET)
                .doesNotContain("s3cr3t");
        assertThat(resolve(user, "github").secret()).isEqualTo(SECRET);

        given().contentType("application/json").body(Map.of("name", "partner", "kind", "header",
                "header_name", "X-Api-Key", "secret", "k-123")).post(path(user)).then().statusCode(201)
                .body("header_name", is("X-Api-Key"));
        given().contentType("application/json").body(Map.of("name", "legacy.api_v1", "kind", "basic",
                "username", "ops", "secret", "pa:ss word")).post(path(user)).then().statusCode(201)
                .body("username", nullValue());
        given().contentType("application/json").body(Map.of("name", "maps", "kind", "query",
                "parameter_name", "key", "secret", "AIza-123")).post(path(user)).then().statusCode(201)
                .body("parameter_name", is("key"));
        String list = given().get(path(user)).then().statusCode(200)
                .body("credentials.name", org.hamcrest.Matchers.contains("github", "legacy.api_v1", "maps", "partner"))
                .body("credentials[0].created_at", org.hamcrest.Matchers.notNullValue())
                .extract().asString();
        assertThat(list).doesNotContain(SECRET).doesNotContain("k-123").doesNotContain("pa:ss")
                .doesNotContain("AIza").doesNotContain("\"ops\"");
        var basic = resolve(user, "legacy.api_v1");
        assertThat(basic.username()).isEqualTo("ops");
        assertThat(basic.secret()).isEqualTo("pa:ss word");
        assertThat(basic.toString()).doesNotContain("pa:ss");

        String rotated = given().contentType("application/json").body(Map.of("secret", "ghp_new-one"))
                .put(path(user) + "/github").then().statusCode(200).body("kind", is("bearer"))
                .extract().asString();
        assertThat(rotated).doesNotContain("ghp_new-one");
        Row after = row(user, "github");
        assertThat(after.nonce).isNotEqualTo(stored.nonce);
        assertThat(after.ciphertext).isNotEqualTo(stored.ciphertext);
        assertThat(after.rotatedAt).isAfter(stored.rotatedAt);
        assertThat(after.createdAt).isEqualTo(stored.createdAt);
        assertThat(resolve(user, "github").secret()).isEqualTo("ghp_new-one");

        given().delete(path(user) + "/github").then().statusCode(204);
        given().delete(path(user) + "/github").then().statusCode(404).body("code", is("credential_not_found"));
        given().contentType("application/json").body(Map.of("secret", "x")).put(path(user) + "/github").then()
                .statusCode(404).body("code", is("credential_not_found"));
        assertThat(row(user, "github")).isNull();
        // Another user sees none of them.
        given().get(path(newUser())).then().statusCode(200).body("credentials.size()", is(0));
        given().delete(path(newUser()) + "/partner").then().statusCode(404);
    }

    @Test
    void whatIsNotAValidCredentialIsRefusedWithItsCodeAndField() {
        String user = newUser();
        refused(user, Map.of("kind", "bearer", "secret", "s"), 400, "invalid_credential_name", "name");
        refused(user, Map.of("name", "has space", "kind", "bearer", "secret", "s"), 400, "invalid_credential_name",
                "name");
        refused(user, Map.of("name", "x".repeat(65), "kind", "bearer", "secret", "s"), 400,
                "invalid_credential_name", "name");
        refused(user, Map.of("name", "a", "kind", "oauth", "secret", "s"), 400, "invalid_credential_kind", "kind");
        refused(user, Map.of("name", "a", "kind", "header", "secret", "s"), 400, "invalid_credential_kind",
                "header_name");
        refused(user, Map.of("name", "a", "kind", "header", "header_name", "Host", "secret", "s"), 400,
                "invalid_credential_kind", "header_name");
        refused(user, Map.of("name", "a", "kind", "header", "header_name", "X Key", "secret", "s"), 400,
                "invalid_credential_kind", "header_name");
        refused(user, Map.of("name", "a", "kind", "basic", "secret", "s"), 400, "invalid_credential_kind",
                "username");
        refused(user, Map.of("name", "a", "kind", "basic", "username", "a:b", "secret", "s"), 400,
                "invalid_credential_kind", "username");
        refused(user, Map.of("name", "a", "kind", "query", "parameter_name", "a&b", "secret", "s"), 400,
                "invalid_credential_kind", "parameter_name");
        refused(user, Map.of("name", "a", "kind", "bearer", "username", "u", "secret", "s"), 400,
                "invalid_credential_kind", "username");
        refused(user, Map.of("name", "a", "kind", "bearer"), 400, "missing_secret", "secret");
        refused(user, Map.of("name", "a", "kind", "bearer", "secret", ""), 400, "missing_secret", "secret");
        refused(user, Map.of("name", "a", "kind", "bearer", "secret", "line\r\nX-Injected: 1"), 400,
                "invalid_secret", "secret");
        refused(user, Map.of("name", "a", "kind", "bearer", "secret", "x".repeat(8193)), 400, "invalid_secret",
                "secret");
        String body = given().contentType("application/json").body(Map.of("name", "a", "kind", "bearer",
                "secret", "line\nbreak-SECRET")).post(path(user)).then().statusCode(400).extract().asString();
        assertThat(body).doesNotContain("SECRET");
        given().get(path(user)).then().statusCode(200).body("credentials.size()", is(0));

        given().contentType("application/json").body(Map.of("name", "a", "kind", "bearer", "secret", "s"))
                .post(path(user)).then().statusCode(201);
        refused(user, Map.of("name", "a", "kind", "query", "parameter_name", "k", "secret", "t"), 409,
                "credential_exists", "name");
        given().contentType("application/json").body(Map.of()).put(path(user) + "/a").then().statusCode(400)
                .body("code", is("missing_secret"));
        given().contentType("application/json").body(Map.of("secret", "é")).put(path(user) + "/a").then()
                .statusCode(400).body("code", is("invalid_secret"));
    }

    @Test
    void aUserKeepsAtMostTheCappedNumber() {
        String user = newUser();
        for (int i = 0; i < 5; i++) {
            given().contentType("application/json").body(Map.of("name", "c" + i, "kind", "bearer", "secret", "s"))
                    .post(path(user)).then().statusCode(201);
        }
        refused(user, Map.of("name", "c5", "kind", "bearer", "secret", "s"), 422, "too_many_credentials", null);
        given().delete(path(user) + "/c0").then().statusCode(204);
        given().contentType("application/json").body(Map.of("name", "c5", "kind", "bearer", "secret", "s"))
                .post(path(user)).then().statusCode(201);
    }

    @Test
    void aSecretWhoseRowWasAlteredOrWhoseKeyIsGoneDoesNotOpen() throws Throwable {
        String user = newUser();
        given().contentType("application/json").body(Map.of("name", "one", "kind", "bearer", "secret", SECRET))
                .post(path(user)).then().statusCode(201);
        given().contentType("application/json").body(Map.of("name", "two", "kind", "bearer", "secret", SECRET))
                .post(path(user)).then().statusCode(201);
        update("UPDATE credentials SET ciphertext = set_byte(ciphertext, 0, get_byte(ciphertext, 0) # 1)"
                + " WHERE user_id = ? AND name = 'one'", user);
        update("UPDATE credentials SET key_id = 'retired' WHERE user_id = ? AND name = 'two'", user);

        assertThatThrownBy(() -> resolve(user, "one"))
                .isInstanceOf(UnreadableCredentialException.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> resolve(user, "two"))
                .isInstanceOf(UnreadableCredentialException.class).hasMessageContaining("'retired'");
        assertThatThrownBy(() -> resolve(user, "three"))
                .isInstanceOf(CredentialRefused.class).hasMessageContaining("three");
        // A sealed secret copied to another name does not open there either.
        update("UPDATE credentials SET (key_id, nonce, ciphertext) = (SELECT key_id, nonce, ciphertext FROM"
                + " credentials WHERE user_id = ? AND name = 'one') WHERE name = 'two'", user);
        assertThatThrownBy(() -> resolve(user, "two"))
                .isInstanceOf(UnreadableCredentialException.class);
    }

    @Test
    void aDeletedUsersCredentialsAreErased() throws Exception {
        String user = newUser();
        String other = newUser();
        for (String owner : new String[] {user, other}) {
            given().contentType("application/json").body(Map.of("name", "github", "kind", "bearer", "secret", SECRET))
                    .post(path(owner)).then().statusCode(201);
        }
        new KafkaTestClient(bootstrapServers).send(Topics.USER_EVENTS, user, new UserDeleted(user, Instant.now()));

        Awaitility.await().atMost(WAIT).until(() -> row(user, "github") == null);
        assertThat(row(other, "github")).isNotNull();
    }

    @Test
    void noCredentialRouteAnswersWithoutTheServiceToken() {
        String user = newUser();
        RestAssured.given().get(path(user)).then().statusCode(401).body("code", is("service_credentials_required"));
        RestAssured.given().contentType("application/json")
                .body(Map.of("name", "a", "kind", "bearer", "secret", "s")).post(path(user)).then().statusCode(401);
        RestAssured.given().header(ServiceTokens.HEADER, "a-wrong-token-of-the-right-length-0123456789")
                .delete(path(user) + "/a").then().statusCode(401).body("code", is("invalid_service_credentials"));
        given().get(path(user)).then().statusCode(200).body("credentials.size()", is(0));
    }

    /** The service's own way in, on a Vert.x context as its callers are; a failure as thrown. */
    private Credentials.Resolved resolve(String user, String name) throws Throwable {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> credentials.resolve(user, name));
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause();
        }
    }

    private static void refused(String user, Map<String, ?> body, int status, String code, String param) {
        given().contentType("application/json").body(body).post(path(user)).then().statusCode(status)
                .body("code", is(code)).body("details.param", param == null ? nullValue() : is(param));
    }

    private static String path(String user) {
        return "/automation/credentials/" + user;
    }

    private static String newUser() {
        return UUID.randomUUID().toString();
    }

    private record Row(String keyId, byte[] nonce, byte[] ciphertext, Instant createdAt, Instant rotatedAt) {
    }

    private Row row(String user, String name) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("SELECT key_id, nonce,"
                + " ciphertext, created_at, rotated_at FROM automation.credentials WHERE user_id = ? AND name = ?")) {
            s.setString(1, user);
            s.setString(2, name);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? new Row(rows.getString(1), rows.getBytes(2), rows.getBytes(3),
                        rows.getTimestamp(4).toInstant(), rows.getTimestamp(5).toInstant()) : null;
            }
        }
    }

    private void update(String sql, String user) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                sql.replace("credentials", "automation.credentials"))) {
            s.setString(1, user);
            s.executeUpdate();
        }
    }
}
