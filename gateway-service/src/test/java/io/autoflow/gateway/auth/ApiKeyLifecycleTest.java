package io.autoflow.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.Administrators;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ApiKeyLifecycleTest {

    @Inject
    ApiKeys apiKeys;

    @Inject
    Pool db;

    @Inject
    Administrators administrators;

    private TestUsers owner;
    private TestUsers other;

    @BeforeEach
    void setUp() throws Throwable {
        owner = TestUsers.create(apiKeys, "pro");
        other = TestUsers.create(apiKeys, "pro");
    }

    @Test
    void aKeyIsShownOnceListedByPrefixUsableAndRevocableOnlyByItsOwner() {
        var created = as(owner.key()).contentType("application/json").body(Map.of("name", "laptop"))
                .post("/api/me/api-keys").then().statusCode(201)
                .body("key", notNullValue()).body("name", is("laptop")).extract();
        String key = created.path("key");
        String id = created.path("id");
        assertThat(key).startsWith("af_").hasSizeGreaterThan(40);
        assertThat((String) created.path("prefix")).isEqualTo(key.substring(0, 12));

        list(key).body("api_keys.id", hasItem(id)).body("api_keys.find { it.id == '" + id + "' }.key", nullValue())
                .body("api_keys.find { it.id == '" + id + "' }.prefix", is(key.substring(0, 12)))
                .body("api_keys.find { it.id == '" + id + "' }.last_used_at", notNullValue());
        list(other.key()).body("api_keys.id", not(hasItem(id)));

        as(other.key()).delete("/api/me/api-keys/" + id).then().statusCode(404).body("code", is("api_key_not_found"));
        list(key).statusCode(200);
        as(owner.key()).delete("/api/me/api-keys/" + id).then().statusCode(204);
        as(key).get("/api/me/api-keys").then().statusCode(401).body("code", is("invalid_api_key"));
        as(owner.key()).delete("/api/me/api-keys/" + id).then().statusCode(404);
        as(owner.key()).delete("/api/me/api-keys/not-a-uuid").then().statusCode(404);

        List<String> actions = audit(owner.user().id.toString());
        assertThat(actions).contains("api_key.created", "api_key.revoked");
    }

    @Test
    void aKeyStopsWorkingWhenItExpires() {
        var created = as(owner.key()).contentType("application/json")
                .body(Map.of("name", "ci", "expires_at", Instant.now().plus(Duration.ofHours(1)).toString()))
                .post("/api/me/api-keys").then().statusCode(201).extract();
        String key = created.path("key");
        list(key).statusCode(200);
        // Let the hour pass: move the expiry into the past rather than racing a short one against a slow machine.
        db.preparedQuery("UPDATE gateway.api_keys SET expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(created.path("id")))).await().indefinitely();
        apiKeys.ownersChanged().await().indefinitely(); // what this gateway remembers holds the expiry of an hour: forgotten, as time passed
        as(key).get("/api/me/api-keys").then().statusCode(401).body("code", is("invalid_api_key"));

        // A key the gateway remembers is refused the moment it expires, not once its memory of the key lapses.
        Instant soon = Instant.now().plus(Duration.ofSeconds(6));
        String brief = as(owner.key()).contentType("application/json")
                .body(Map.of("name", "brief", "expires_at", soon.toString()))
                .post("/api/me/api-keys").then().statusCode(201).extract().path("key");
        list(brief).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(soon));
        as(brief).get("/api/me/api-keys").then().statusCode(401).body("code", is("invalid_api_key"));
        as(owner.key()).contentType("application/json")
                .body(Map.of("expires_at", Instant.now().minus(Duration.ofDays(1)).toString()))
                .post("/api/me/api-keys").then().statusCode(422).body("code", is("invalid_expiry"));
    }

    /**
     * A gateway remembers who a key belongs to for a few seconds (issue 19): what another gateway replica changed — a
     * key revoked, a user's tier — is seen here within that time, and what this one changed at once.
     */
    @Test
    void whatAnotherGatewayChangedIsSeenWithinSecondsAndWhatThisOneChangedAtOnce() throws Throwable {
        var created = as(owner.key()).contentType("application/json").body(Map.of("name", "phone"))
                .post("/api/me/api-keys").then().statusCode(201).extract();
        String key = created.path("key");
        as(key).get("/api/me").then().statusCode(200).body("tier", is("pro"));

        // Another replica revokes the key: the same row update its ApiKeys makes.
        db.preparedQuery("UPDATE gateway.api_keys SET revoked_at = now() WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(created.path("id")))).await().indefinitely();
        Instant revoked = Instant.now();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> as(key).get("/api/me/api-keys").statusCode() == 401);
        assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofSeconds(7));

        // An administrator on this gateway moves the owner to another tier: the owner's very next request is in it.
        as(owner.key()).get("/api/me/usage").then().statusCode(200).body("tier", is("pro"));
        TestUsers admin = TestUsers.admin(apiKeys, administrators);
        as(admin.key()).contentType("application/json").body(Map.of("tier", "free"))
                .put("/api/admin/users/" + owner.user().id + "/tier").then().statusCode(200);
        as(owner.key()).get("/api/me/usage").then().statusCode(200).body("tier", is("free"));
    }

    @Test
    void atMostTwentyKeysWorkAtOnce() {
        for (int i = 1; i < 20; i++) { // the owner already holds one
            as(owner.key()).contentType("application/json").body(Map.of("name", "k" + i)).post("/api/me/api-keys")
                    .then().statusCode(201);
        }
        as(owner.key()).contentType("application/json").body(Map.of("name", "one too many"))
                .post("/api/me/api-keys").then().statusCode(422).body("code", is("too_many_api_keys"));
    }

    @Test
    void authenticationFailuresAreAuditedAndTheAuditLogCannotBeChanged() {
        given().header("X-API-Key", "af_wrong_" + owner.user().id).get("/api/me/api-keys").then().statusCode(401);
        Row failure = db.preparedQuery("SELECT action, actor, ip, details FROM gateway.audit_log"
                + " WHERE action = 'auth.failed' ORDER BY id DESC LIMIT 1").execute().await().indefinitely()
                .iterator().next();
        assertThat(failure.getString("actor")).isNull();
        assertThat(failure.getString("ip")).isNotBlank();
        assertThat(failure.getJsonObject("details").getString("reason")).isEqualTo("invalid_api_key");
        assertThat(failure.getJsonObject("details").getString("key_prefix")).isEqualTo("af_wro");

        assertThatThrownBy(() -> db.query("UPDATE gateway.audit_log SET action = 'nothing'").execute().await()
                .indefinitely()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.query("DELETE FROM gateway.audit_log").execute().await().indefinitely())
                .hasMessageContaining("append-only");
    }

    private List<String> audit(String actor) {
        List<String> actions = new ArrayList<>();
        db.preparedQuery("SELECT action FROM gateway.audit_log WHERE actor = $1 ORDER BY id")
                .execute(Tuple.of(actor)).await().indefinitely().forEach(row -> actions.add(row.getString(0)));
        return actions;
    }

    private static ValidatableResponse list(String key) {
        return as(key).get("/api/me/api-keys").then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification as(String key) {
        return given().header("X-API-Key", key);
    }
}
