package io.autoflow.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.Topics;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.limits.RateLimiter;
import io.autoflow.gateway.rest.WorkflowResource;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /hooks/{token}}: a workflow's webhook, with no credential. The orchestrator (WireMock, as in
 * {@link WorkflowRunTest}) says whose workflow a token starts and with which secret; the gateway checks the Standard
 * Webhooks signature (signed here independently of the gateway's code), counts the request against the owner's tier,
 * and accepts the run as the owner's job: its intent, the payload or file kept for {@code input: "trigger"}, the audit.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JobResultViewTest.Orchestrator.class)
class WebhookTriggerTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DOCX = "/docx/tbl-cell-access.docx";

    WireMockServer orchestrator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "autoflow.public-url")
    String publicUrl;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Pool db;

    @Inject
    BlobStore blobs;

    @Inject
    RateLimiter rateLimiter;

    private TestUsers owner;
    private String workflowId;
    private String token;
    private String secret;

    @BeforeEach
    void ownerWithASignedWebhook() throws Throwable {
        owner = TestUsers.create(apiKeys, "pro");
        workflowId = UUID.randomUUID().toString();
        token = newToken();
        secret = newSecret();
        hook(token, owner, true, true, secret);
    }

    @Test
    void aSignedJsonBodyStartsTheOwnersRunWithItAsPayload() throws Exception {
        String body = "[{\"product\": \"Widget\", \"qty\": 2}, {\"product\": \"Gadget\", \"qty\": 5}]";
        ExtractableResponse<Response> accepted = signed(UUID.randomUUID().toString(), body, "application/json")
                .post(path(token)).then().statusCode(202).contentType("application/json")
                .body("status", is("queued")).body("estimated_time", is(4)).extract();
        String jobId = accepted.path("job_id");
        assertThat(accepted.header("Location")).endsWith("/api/jobs/" + jobId);
        assertThat(accepted.asString()).doesNotContain(owner.user().email).doesNotContain(workflowId)
                .doesNotContain(owner.user().id.toString());

        IntentParsed intent = intent(jobId);
        assertThat(intent.intent()).isEqualTo(Intents.WORKFLOW_RUN);
        assertThat(intent.userId()).isEqualTo(owner.user().id.toString());
        assertThat(intent.tier()).isEqualTo("pro");
        RunWorkflow run = EventJson.mapper().convertValue(intent.parameters(), RunWorkflow.class);
        assertThat(run.workflowId()).isEqualTo(workflowId);
        assertThat(run.revision()).isEqualTo(2);
        assertThat(run.name()).isEqualTo("Orders");
        assertThat(run.trigger()).isEqualTo("webhook");
        assertThat(run.payload()).isEqualTo(EventJson.mapper().readTree(body));
        assertThat(run.ownerEmail()).isEqualTo(owner.user().email);
        String key = "uploads/" + owner.user().id + "/" + jobId + "/payload.json";
        assertThat(run.payloadFile().key()).isEqualTo(key);
        assertThat(run.payloadFile().mediaType()).isEqualTo("application/json");

        Row job = db.preparedQuery("SELECT user_id, workflow_type, file_name FROM gateway.jobs WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(jobId))).await().indefinitely().iterator().next();
        assertThat(job.getUUID("user_id")).isEqualTo(owner.user().id);
        assertThat(job.getString("workflow_type")).isEqualTo("workflow_run");
        assertThat(job.getString("file_name")).isEqualTo("Orders");
        Row audited = db.preparedQuery("SELECT target, details FROM gateway.audit_log WHERE actor = $1"
                + " AND action = 'workflow.run_started'").execute(Tuple.of(owner.user().id.toString())).await()
                .indefinitely().iterator().next();
        assertThat(audited.getString("target")).isEqualTo(workflowId);
        assertThat(audited.getJsonObject("details").getString("trigger")).isEqualTo("webhook");
        assertThat(audited.getJsonObject("details").getString("job_id")).isEqualTo(jobId);
    }

    @Test
    void aSignatureMissingStaleOrWrongIsRefusedAndStartsNothing() throws Exception {
        String body = "{\"a\": 1}";
        given().contentType("application/json").body(body).post(path(token)).then().statusCode(401)
                .contentType("application/problem+json").body("code", is("invalid_signature"));
        String id = UUID.randomUUID().toString();
        long now = Instant.now().getEpochSecond();
        // Each header missing in turn.
        given().contentType("application/json").header("webhook-id", id).header("webhook-timestamp", now)
                .body(body).post(path(token)).then().statusCode(401).body("code", is("invalid_signature"));
        given().contentType("application/json").header("webhook-timestamp", now)
                .header("webhook-signature", sign(secret, id, now, body)).body(body).post(path(token)).then()
                .statusCode(401).body("code", is("invalid_signature"));
        // Stale, or from the future: a signature made more than 5 minutes from now (whatever time this test takes).
        for (long away : new long[] {-330, 330}) {
            long when = Instant.now().getEpochSecond() + away;
            send(id, when, sign(secret, id, when, body), body).then().statusCode(401)
                    .body("code", is("invalid_signature")).body("message", org.hamcrest.Matchers.containsString("5"));
        }
        // Another secret; another body; another id than signed; no v1 signature at all; not base64.
        send(id, now, sign(newSecret(), id, now, body), body).then().statusCode(401);
        send(id, now, sign(secret, id, now, body), "{\"a\": 2}").then().statusCode(401);
        send(id, now, sign(secret, "another", now, body), body).then().statusCode(401);
        send(id, now, "v1a,abc", body).then().statusCode(401);
        send(id, now, "v1,not*base64", body).then().statusCode(401);
        send(id, now, "garbage", body).then().statusCode(401);
        given().contentType("application/json").header("webhook-id", id).header("webhook-timestamp", "yesterday")
                .header("webhook-signature", sign(secret, id, now, body)).body(body).post(path(token)).then()
                .statusCode(401).body("code", is("invalid_signature"));
        assertThat(jobs(owner)).isZero();

        // A list of signatures (a sender rotating its secret) passes when one of them is right.
        send(id, now, "v1a,abc v1," + Base64.getEncoder().encodeToString(new byte[32]) + " "
                + sign(secret, id, now, body), body).then().statusCode(202);
        assertThat(jobs(owner)).isEqualTo(1);
    }

    @Test
    void theSameWebhookIdStartsOneRun() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        String first = signed(id, "{\"order\": 7}", "application/json").post(path(token)).then().statusCode(202)
                .extract().path("job_id");
        String again = signed(id, "{\"order\": 7}", "application/json").post(path(token)).then().statusCode(202)
                .extract().path("job_id");
        assertThat(again).isEqualTo(first);
        assertThat(jobs(owner)).isEqualTo(1);
        intent(first);
        assertThat(new KafkaTestClient(bootstrapServers).readAll(Topics.INTENTS, Duration.ofSeconds(3)))
                .filteredOn(record -> first.equals(record.key())).hasSize(1);
        // Another message is another run.
        String other = signed("msg_" + UUID.randomUUID(), "{\"order\": 7}", "application/json").post(path(token))
                .then().statusCode(202).extract().path("job_id");
        assertThat(other).isNotEqualTo(first);
        assertThat(jobs(owner)).isEqualTo(2);
    }

    @Test
    void aCsvBodyIsKeptAsTheRunsPayloadFile() throws Exception {
        byte[] csv = "product,qty\nWidget,2\nGadget,5\nWidget,3\n".getBytes(StandardCharsets.UTF_8);
        String jobId = signed(UUID.randomUUID().toString(), csv, "text/csv").post(path(token)).then()
                .statusCode(202).extract().path("job_id");

        RunWorkflow run = EventJson.mapper().convertValue(intent(jobId).parameters(), RunWorkflow.class);
        assertThat(run.trigger()).isEqualTo("webhook");
        assertThat(run.payload()).isNull();
        String key = "uploads/" + owner.user().id + "/" + jobId + "/payload.csv";
        assertThat(run.payloadFile().key()).isEqualTo(key);
        assertThat(run.payloadFile().mediaType()).isEqualTo("text/csv");
        assertThat(run.payloadFile().sizeBytes()).isEqualTo(csv.length);
        try (InputStream stored = blobs.open(key).orElseThrow()) {
            assertThat(stored.readAllBytes()).isEqualTo(csv);
        }
        Long size = db.preparedQuery("SELECT size_bytes FROM gateway.jobs WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(jobId))).await().indefinitely().iterator().next().getLong(0);
        assertThat(size).isEqualTo(csv.length); // counted as uploaded, as any document is

        // A file whose bytes are not what it was sent as, or of no type the platform reads, is refused unkept.
        byte[] docx = resource(DOCX);
        signed(UUID.randomUUID().toString(), docx, "text/csv").post(path(token)).then().statusCode(415)
                .body("code", is("file_type_mismatch"));
        signed(UUID.randomUUID().toString(), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0},
                "application/octet-stream").post(path(token)).then().statusCode(415)
                .body("code", is("unsupported_file_type"));
        assertThat(jobs(owner)).isEqualTo(1);
    }

    @Test
    void anUnknownTokenIsNotFoundAndSaysNothingMore() throws Throwable {
        String unknown = newToken();
        orchestrator.stubFor(get(urlPathEqualTo("/workflow-hooks/" + unknown)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"workflow_not_found\", \"message\": \"No such workflow\"}")));
        given().contentType("application/json").body("{}").post(path(unknown)).then().statusCode(404)
                .contentType("application/problem+json").body("code", is("webhook_not_found"));
        // A token no workflow can have is not even looked up.
        given().contentType("application/json").body("{}").post(path("short")).then().statusCode(404)
                .body("code", is("webhook_not_found"));
        orchestrator.verify(0, getRequestedFor(urlPathMatching("/workflow-hooks/short")));
        // An owner the gateway no longer has (erased) is no webhook either.
        String orphan = newToken();
        hook(orphan, UUID.randomUUID().toString(), true, false, secret);
        given().contentType("application/json").body("{}").post(path(orphan)).then().statusCode(404)
                .body("code", is("webhook_not_found"));
        // The orchestrator away: not the sender's fault.
        String failing = newToken();
        orchestrator.stubFor(get(urlPathEqualTo("/workflow-hooks/" + failing)).willReturn(aResponse().withStatus(500)));
        given().contentType("application/json").body("{}").post(path(failing)).then().statusCode(503)
                .body("code", is("workflows_unavailable"));
    }

    @Test
    void aRefusedWebhookIsAnsweredBeforeItsBodyIsRead() throws Exception {
        String unknown = newToken();
        orchestrator.stubFor(get(urlPathEqualTo("/workflow-hooks/" + unknown)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"workflow_not_found\", \"message\": \"No such workflow\"}")));
        // 100 MB announced, a few bytes sent: the body streams to the method, which answers before the rest comes.
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path(unknown) + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: 100000000\r\n\r\na,b\n1,2\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 404 Not Found");
        }
    }

    @Test
    void aDisabledWorkflowsWebhookStartsNothing() throws Throwable {
        String disabled = newToken();
        hook(disabled, owner, false, true, secret);
        signed(UUID.randomUUID().toString(), "{}", "application/json").post(path(disabled)).then().statusCode(409)
                .contentType("application/problem+json").body("code", is("workflow_disabled"));
        assertThat(jobs(owner)).isZero();
    }

    @Test
    void withoutSignatureCheckingAnyPostStartsARunAndNoBodyIsNoPayload() throws Exception {
        String open = newToken();
        hook(open, owner, true, false, secret);
        // As curl -X POST sends it: no body, no Content-Type, no signature.
        HttpResponse<String> bare = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                RestAssured.baseURI + ":" + RestAssured.port + path(open)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).as(bare.body()).isEqualTo(202);
        String none = EventJson.mapper().readTree(bare.body()).path("job_id").textValue();
        assertThat(intent(none).parameters().has("payload")).isFalse();
        assertThat(intent(none).parameters().has("payloadFile")).isFalse();
        String nothing = given().contentType("application/json").body("null").post(path(open)).then()
                .statusCode(202).extract().path("job_id");
        assertThat(intent(nothing).parameters().has("payload")).isFalse();
        // JSON is read as JSON, and refused when it is not.
        given().contentType("application/json").body("{\"week\": ").post(path(open)).then().statusCode(400)
                .body("code", is("invalid_request"));
        given().contentType("application/json").body("{} {}").post(path(open)).then().statusCode(400)
                .body("code", is("invalid_request"));
        given().contentType("application/json").body("{\"rows\": [\"a\\u0000b\"]}").post(path(open)).then()
                .statusCode(400).body("code", is("invalid_character")).body("details.field", is("rows[0]"));
        assertThat(jobs(owner)).isEqualTo(2);
    }

    @Test
    void aPayloadOrFileTooLargeIsRefusedUnread() throws Throwable {
        String large = "{\"text\": \"" + "x".repeat(WorkflowResource.MAX_PAYLOAD_BYTES) + "\"}";
        signed(UUID.randomUUID().toString(), large, "application/json").post(path(token)).then().statusCode(413)
                .body("code", is("body_too_large")).body("details.max_bytes", is(WorkflowResource.MAX_PAYLOAD_BYTES));
        String huge = "[" + "1,".repeat(1_100_000) + "1]"; // 2.2 MB as sent: past every webhook's bound
        signed(UUID.randomUUID().toString(), huge, "application/json").post(path(token)).then().statusCode(413)
                .body("code", is("body_too_large")).body("details.max_bytes", is(2 * 1024 * 1024));
        String unknown = newToken();
        given().contentType("application/json").body(huge).post(path(unknown)).then().statusCode(413)
                .body("code", is("body_too_large"));
        orchestrator.verify(0, getRequestedFor(urlPathEqualTo("/workflow-hooks/" + unknown)));
        // A free owner's file is at most its tier's (64 KiB in the tests).
        TestUsers free = TestUsers.create(apiKeys, "free");
        String freeHook = newToken();
        hook(freeHook, free, true, true, secret);
        byte[] csv = ("a,b\n" + "1,2\n".repeat(20_000)).getBytes(StandardCharsets.US_ASCII);
        signed(UUID.randomUUID().toString(), csv, "text/csv").post(path(freeHook)).then().statusCode(413)
                .body("code", is("file_too_large")).body("details.max_bytes", is(65536));
        assertThat(jobs(owner)).isZero();
        assertThat(jobs(free)).isZero();
    }

    @Test
    void aFreeOwnersWebhookIsLimitedByTheOwnersRequestsPerDay() throws Throwable {
        TestUsers free = TestUsers.create(apiKeys, "free");
        String freeHook = newToken();
        hook(freeHook, free, true, true, secret);
        signed(UUID.randomUUID().toString(), "{}", "application/json").post(path(freeHook)).then().statusCode(202);
        // The owner's other requests use up the rest of the day's 100.
        for (int i = 0; i < 99; i++) {
            rateLimiter.count(free.user().id.toString(), 100).await().indefinitely();
        }
        ExtractableResponse<Response> refused = signed(UUID.randomUUID().toString(), "{}", "application/json")
                .post(path(freeHook)).then().statusCode(429).contentType("application/problem+json")
                .body("code", is("rate_limited")).header("Retry-After", notNullValue()).extract();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(0L, 86_400L);
        assertThat(refused.asString()).doesNotContain("free"); // nothing of the owner's account
        assertThat(jobs(free)).isEqualTo(1);
        // An unsigned request does not spend the owner's requests.
        assertThat(rateLimiter.count(free.user().id.toString(), 100).await().indefinitely().remaining())
                .isEqualTo(-2);
        given().contentType("application/json").body("{}").post(path(freeHook)).then().statusCode(401);
        assertThat(rateLimiter.count(free.user().id.toString(), 100).await().indefinitely().remaining())
                .isEqualTo(-3);
    }

    @Test
    void theOwnerSeesTheWebhooksAbsoluteUrl() throws Throwable {
        String id = UUID.randomUUID().toString();
        String view = "{\"id\": \"" + id + "\", \"name\": \"Orders\", \"enabled\": true, \"revision\": 1,"
                + " \"created_at\": \"2026-12-07T08:00:00Z\", \"updated_at\": \"2026-12-07T08:00:00Z\","
                + " \"definition\": {\"name\": \"Orders\", \"trigger\": {\"type\": \"webhook\", \"verify_signature\":"
                + " true}, \"steps\": [{\"type\": \"notify\", \"name\": \"send\", \"channel\": \"email\", \"message\":"
                + " \"New order\"}]}, \"webhook\": {\"url\": \"/hooks/" + token + "\", \"secret\": \"" + secret
                + "\"}}";
        String base = "/workflows/" + owner.user().id;
        orchestrator.stubFor(get(urlPathEqualTo(base + "/" + id)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(view)));
        orchestrator.stubFor(get(urlPathEqualTo(base)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("[" + view + "]")));
        String expected = publicUrl.replaceAll("/$", "") + "/hooks/" + token;
        given().header("X-API-Key", owner.key()).get("/api/workflows/" + id).then().statusCode(200)
                .body("webhook.url", is(expected)).body("webhook.secret", is(secret));
        given().header("X-API-Key", owner.key()).get("/api/workflows").then().statusCode(200)
                .body("[0].webhook.url", is(expected));
    }

    @Test
    void theDocumentDescribesTheWebhookWithoutCredentials() {
        var document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        String hook = "paths.'/hooks/{token}'.post.";
        assertThat(document.getString(hook + "operationId")).isEqualTo("triggerWorkflowWebhook");
        assertThat(document.getString(hook + "description")).contains("webhook-signature", "whsec_", "262,144");
        assertThat(document.getList(hook + "security")).isEmpty();
        assertThat(document.getMap(hook + "requestBody.content")).containsKeys("application/json", "*/*");
        assertThat(document.getString(hook + "requestBody.content.'application/json'.schema.$ref"))
                .endsWith("/JsonValue");
        assertThat(document.getString(hook + "responses.'202'.content.'application/json'.schema.$ref"))
                .endsWith("/JobAccepted");
        assertThat(document.getMap(hook + "responses")).containsKeys("202", "400", "401", "404", "409", "413", "415",
                "422", "429", "500", "503").doesNotContainKey("403");
        assertThat(document.getList(hook + "parameters.name", String.class)).contains("token", "webhook-id",
                "webhook-timestamp", "webhook-signature");
        assertThat(document.getMap("paths.'/hooks/{token}'.post.requestBody.content.'application/json'"))
                .containsKey("example");
    }

    /** The orchestrator knows this token as a webhook of the user's workflow (revision 2, two steps). */
    private void hook(String hookToken, TestUsers who, boolean enabled, boolean verify, String hookSecret) {
        hook(hookToken, who.user().id.toString(), enabled, verify, hookSecret);
    }

    private void hook(String hookToken, String userId, boolean enabled, boolean verify, String hookSecret) {
        orchestrator.stubFor(get(urlPathEqualTo("/workflow-hooks/" + hookToken)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"workflow_id\": \"" + workflowId + "\","
                        + " \"user_id\": \"" + userId + "\", \"name\": \"Orders\", \"revision\": 2,"
                        + " \"enabled\": " + enabled + ", \"verify_signature\": " + verify + ", \"secret\": \""
                        + hookSecret + "\", \"owner_email\": \"earlier@example.com\", \"steps\": 2}")));
    }

    private RequestSpecification signed(String id, String body, String contentType) {
        return signed(id, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    private RequestSpecification signed(String id, byte[] body, String contentType) {
        long now = Instant.now().getEpochSecond();
        return given().contentType(contentType).header("webhook-id", id).header("webhook-timestamp", now)
                .header("webhook-signature", sign(secret, id, now, body)).body(body);
    }

    private Response send(String id, Object timestamp, String signature, String body) {
        return given().contentType("application/json").header("webhook-id", id).header("webhook-timestamp", timestamp)
                .header("webhook-signature", signature).body(body.getBytes(StandardCharsets.UTF_8)).post(path(token));
    }

    /** Standard Webhooks' signature, made here as a sender would, not with the gateway's code. */
    private static String sign(String key, String id, long timestamp, String body) {
        return sign(key, id, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String sign(String key, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key.substring("whsec_".length())), "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    private static String path(String hookToken) {
        return "/hooks/" + hookToken;
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = WebhookTriggerTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private IntentParsed intent(String jobId) throws Exception {
        String value = new KafkaTestClient(bootstrapServers).awaitRecord(Topics.INTENTS,
                record -> jobId.equals(record.key()), Duration.ofSeconds(20)).value();
        return EventJson.mapper().readValue(value, IntentParsed.class);
    }

    private long jobs(TestUsers who) {
        return db.preparedQuery("SELECT count(*) FROM gateway.jobs WHERE user_id = $1")
                .execute(Tuple.of(who.user().id)).await().indefinitely().iterator().next().getLong(0);
    }
}
