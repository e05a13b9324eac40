package io.autoflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.autoflow.blob.BlobStore;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile caller sends: control characters in anything stored are refused with a stable 4xx code, never a
 * 500, and nothing of the request is kept (no key, no job, no upload).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class HostileInputTest {

    @Inject
    ApiKeys apiKeys;

    @Inject
    BlobStore blobs;

    @Inject
    Pool db;

    private TestUsers user;

    @BeforeEach
    void setUp() throws Throwable {
        user = TestUsers.create(apiKeys, "pro");
    }

    @Test
    void aControlCharacterInAKeysNameIsRefused() throws Exception {
        json("/api/me/api-keys", "{\"name\": \"ci\\u0000bot\"}").statusCode(400)
                .body("code", is("invalid_character")).body("details.field", is("name"))
                .body("details.character", is("U+0000"));
        // A name is shown on one line: no line breaks either.
        json("/api/me/api-keys", "{\"name\": \"ci\\r\\nbot\"}").statusCode(400)
                .body("code", is("invalid_character")).body("details.character", is("U+000D"));
        assertNothingKept();
    }

    @Test
    void aControlCharacterInFreeTextIsRefusedWhereverItIsInTheBody() throws Exception {
        json("/api/notifications", "{\"message\": \"the backup\\u0000finished\"}").statusCode(400)
                .body("code", is("invalid_character")).body("details.field", is("message"));
        json("/api/chat", "{\"message\": \"analyse \\u0007 this\"}").statusCode(400)
                .body("code", is("invalid_character")).body("details.field", is("message"));
        json("/api/schedules", "{\"cron\": \"0 9 * * MON\", \"reminder\": {\"message\": \"pay\\u001b rent\"}}")
                .statusCode(400).body("code", is("invalid_character")).body("details.field", is("reminder.message"));
        json("/api/automations", "{\"url\": \"https://api.example.com/rates\", \"headers\": {\"X-Token\":"
                + " \"a\\u0000b\"}}").statusCode(400).body("code", is("invalid_character"))
                .body("details.field", is("headers.X-Token"));
        json("/api/notifications", "{\"message\": \"hi\", \"output\": {\"delivery\": \"email\", \"email\":"
                + " \"me\\u0000@example.com\"}}").statusCode(400).body("details.field", is("output.email"));
        assertNothingKept();
    }

    @Test
    void freeTextKeepsTabsAndLineBreaks() {
        json("/api/notifications", "{\"message\": \"disk\\tfull\\r\\non host 3\"}").statusCode(202);
    }

    /** No key but the test's, no job, no upload: what was refused left nothing behind. */
    private void assertNothingKept() throws Exception {
        assertThat(blobs.list("uploads/" + user.user().id + "/")).as("uploads kept").isEmpty();
        assertThat(count("SELECT count(*) FROM gateway.jobs WHERE user_id = $1")).as("jobs recorded").isZero();
        assertThat(count("SELECT count(*) FROM gateway.api_keys WHERE user_id = $1")).as("keys besides the test's")
                .isEqualTo(1);
    }

    private ValidatableResponse json(String route, String body) {
        return given().header("X-API-Key", user.key()).contentType("application/json").body(body).post(route)
                .then();
    }

    private long count(String sql) {
        return db.preparedQuery(sql).execute(Tuple.of(user.user().id)).await().indefinitely().iterator().next()
                .getLong(0);
    }
}
