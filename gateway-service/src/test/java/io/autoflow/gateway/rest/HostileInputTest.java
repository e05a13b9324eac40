package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.autoflow.blob.BlobStore;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile caller sends, as raw bytes: control characters in anything stored and broken multipart framing are
 * refused with a stable 4xx code, never a 500, and nothing of the request is kept (no key, no job, no upload).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class HostileInputTest {

    /** The routes that take an upload; the chat needs its message next to the document. */
    private static final List<String> UPLOAD_ROUTES = List.of("/api/analytics/document", "/api/transforms",
            "/api/chat");
    private static final String CSV = "city,population\r\nLyon,522250\r\n";
    /** Raw requests, so nothing between the test and the gateway tidies the bytes up. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI gateway;

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
    void aFileNameWithAControlCharacterIsRefusedBeforeTheUploadIsStored() throws Exception {
        for (String route : UPLOAD_ROUTES) {
            assertRefused(route, upload("filename=\"sales\u0000.csv\""), 400, "invalid_character")
                    .isEqualTo("file.filename");
            // RFC 5987 lets a file name carry any byte, percent-encoded.
            assertRefused(route, upload("filename*=UTF-8''sales%0D%0A.csv"), 400, "invalid_character")
                    .isEqualTo("file.filename");
            assertRefused(route, upload("filename*=UTF-8''sales%00.csv"), 400, "invalid_character");
            // Raw, a line break ends the part's header in the middle of the file name.
            assertRefused(route, upload("filename=\"sales\r\n.csv\""), 400, "malformed_multipart");
        }
        assertNothingKept();
    }

    @Test
    void aControlCharacterInATextPartIsRefused() throws Exception {
        for (String route : List.of("/api/analytics/document", "/api/transforms")) {
            assertRefused(route, multipart("request", null, "{\"target_format\": \"csv\", \"output\": {\"delivery\":"
                    + " \"email\", \"email\": \"me\\u0000@example.com\"}}") + file("filename=\"sales.csv\"") + end(),
                    400, "invalid_character").isEqualTo("request.output.email");
        }
        assertRefused("/api/chat", multipart("message", null, "analyse\u0000 this") + file("filename=\"sales.csv\"")
                + end(), 400, "invalid_character").isEqualTo("message");
        // The message sent as a file part is read from the file.
        assertRefused("/api/chat", multipart("message", "message.txt", "analyse\u0000 this")
                + file("filename=\"sales.csv\"") + end(), 400, "invalid_character").isEqualTo("message");
        assertNothingKept();
    }

    @Test
    void brokenMultipartFramingIsRefused() throws Exception {
        String body = upload("filename=\"sales.csv\"");
        for (String route : UPLOAD_ROUTES) {
            assertMalformed(route, "multipart/form-data; boundary=", body);
            assertMalformed(route, "multipart/form-data; boundary=\"\"", body);
            assertMalformed(route, "multipart/form-data", body);
            assertMalformed(route, "multipart/form-data; boundary=" + "b".repeat(71), body);
            assertMalformed(route, multipartType(), body.substring(0, body.length() - "--\r\n".length() - 20));
            assertMalformed(route, multipartType(), "not multipart at all");
            assertMalformed(route, multipartType(), "");
            assertMalformed(route, multipartType(), "--XyZ--\r\n");
            assertMalformed(route, multipartType(), body.replace("form-data; name=\"file\"; ", "form-data; "));
            assertMalformed(route, multipartType(), body.replace(
                    "Content-Disposition: form-data; name=\"file\"; filename=\"sales.csv\"\r\n", ""));
            assertMalformed(route, multipartType(), "--XyZ\r\nthis header has no colon\r\n\r\nx\r\n--XyZ--\r\n");
            assertMalformed(route, multipartType() + "; charset=no-such-charset", body);
            assertMalformed(route, multipartType(), multipart("request", null, "{}").replace("\r\n\r\n{}",
                    "\r\nContent-Type: application/json; charset=no-such-charset\r\n\r\n{}") + body);
        }
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

    /** Sends the body and checks the refusal; the answer is the field it names, for more checks. */
    private AbstractStringAssert<?> assertRefused(String route, String body, int status,
            String code) throws Exception {
        return assertRefused(route, multipartType(), body, status, code);
    }

    private AbstractStringAssert<?> assertRefused(String route, String contentType, String body,
            int status, String code) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(gateway.resolve(route))
                .header("X-API-Key", user.key()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.ISO_8859_1))).build(),
                HttpResponse.BodyHandlers.ofString());
        String what = route + " " + contentType + " " + body.replace("\r\n", "⏎");
        assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isEqualTo(status);
        JsonPath error = JsonPath.from(answer.body());
        assertThat(error.getString("code")).as("%s: %s", what, answer.body()).isEqualTo(code);
        assertThat(blobs.list("uploads/" + user.user().id + "/")).as("uploads kept after %s", what).isEmpty();
        return assertThat(error.getString("details.field")).as("%s: %s", what, answer.body());
    }

    private void assertMalformed(String route, String contentType, String body) throws Exception {
        assertRefused(route, contentType, body, 400, "malformed_multipart");
    }

    private static String multipartType() {
        return "multipart/form-data; boundary=XyZ";
    }

    /** A CSV in part {@code file} with this file name parameter, and for the chat, the message it comes with. */
    private static String upload(String fileNameParameter) {
        return multipart("message", null, "analyse this") + multipart("request", null, "{\"target_format\": \"csv\"}")
                + file(fileNameParameter) + end();
    }

    private static String file(String fileNameParameter) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; " + fileNameParameter
                + "\r\nContent-Type: text/csv\r\n\r\n" + CSV + "\r\n";
    }

    private static String multipart(String name, String fileName, String value) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n\r\n" + value + "\r\n";
    }

    private static String end() {
        return "--XyZ--\r\n";
    }

    private long count(String sql) {
        return db.preparedQuery(sql).execute(Tuple.of(user.user().id)).await().indefinitely().iterator().next()
                .getLong(0);
    }
}
