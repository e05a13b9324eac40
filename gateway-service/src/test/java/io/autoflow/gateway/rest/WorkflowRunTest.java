package io.autoflow.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.Topics;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/workflows/{id}/runs}: the workflow is read from the orchestrator (WireMock here, as in
 * {@link JobResultViewTest}) as its owner's, then the run is accepted as a job like any other: recorded, its
 * {@code workflow_run} intent published with the revision of the moment and the payload, audited, answered 202.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JobResultViewTest.Orchestrator.class)
class WorkflowRunTest {

    WireMockServer orchestrator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Pool db;

    @Inject
    io.autoflow.blob.BlobStore blobs;

    private TestUsers owner;
    private String workflowId;

    @BeforeEach
    void ownerWithAWorkflow() throws Throwable {
        owner = TestUsers.create(apiKeys, "pro");
        workflowId = UUID.randomUUID().toString();
        known(owner, workflowId, 3);
    }

    @Test
    void aRunIsAJobPinnedToTheCurrentRevisionWithThePayload() throws Exception {
        ExtractableResponse<Response> accepted = run(owner, workflowId, null,
                "{\"week\": \"2026-12-07\", \"regions\": [\"EU\", \"UK\"]}")
                .then().statusCode(202).contentType("application/json").body("status", is("queued"))
                .body("estimated_time", is(6)).extract();
        String jobId = accepted.path("job_id");
        assertThat(accepted.header("Location")).endsWith("/api/jobs/" + jobId);

        IntentParsed intent = intent(jobId);
        assertThat(intent.intent()).isEqualTo(Intents.WORKFLOW_RUN);
        assertThat(intent.userId()).isEqualTo(owner.user().id.toString());
        assertThat(intent.tier()).isEqualTo("pro");
        RunWorkflow parameters = EventJson.mapper().convertValue(intent.parameters(), RunWorkflow.class);
        assertThat(parameters.workflowId()).isEqualTo(workflowId);
        assertThat(parameters.revision()).isEqualTo(3);
        assertThat(parameters.name()).isEqualTo("Monday sales");
        assertThat(parameters.trigger()).isEqualTo("manual");
        assertThat(parameters.payload()).isEqualTo(EventJson.mapper()
                .readTree("{\"week\": \"2026-12-07\", \"regions\": [\"EU\", \"UK\"]}"));
        assertThat(parameters.ownerEmail()).isEqualTo(owner.user().email);
        assertThat(parameters.rerunOf()).isNull();
        assertThat(parameters.definition()).isNull(); // the orchestrator copies the revision in
        // The payload is kept with the run as a JSON file too, for a step to read whole (input: "trigger").
        String key = "uploads/" + owner.user().id + "/" + jobId + "/payload.json";
        assertThat(parameters.payloadFile().key()).isEqualTo(key);
        assertThat(parameters.payloadFile().mediaType()).isEqualTo("application/json");
        try (java.io.InputStream stored = blobs.open(key).orElseThrow()) {
            assertThat(EventJson.mapper().readTree(stored)).isEqualTo(parameters.payload());
            assertThat(parameters.payloadFile().sizeBytes()).isEqualTo(EventJson.mapper()
                    .writeValueAsBytes(parameters.payload()).length);
        }

        Row job = db.preparedQuery("SELECT workflow_type, file_name FROM gateway.jobs WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(jobId))).await().indefinitely().iterator().next();
        assertThat(job.getString("workflow_type")).isEqualTo("workflow_run");
        assertThat(job.getString("file_name")).isEqualTo("Monday sales");

        Row audited = db.preparedQuery("SELECT target, details FROM gateway.audit_log WHERE actor = $1"
                + " AND action = 'workflow.run_started'").execute(Tuple.of(owner.user().id.toString())).await()
                .indefinitely().iterator().next();
        assertThat(audited.getString("target")).isEqualTo(workflowId);
        assertThat(audited.getJsonObject("details").getInteger("revision")).isEqualTo(3);
        assertThat(audited.getJsonObject("details").getString("job_id")).isEqualTo(jobId);
    }

    @Test
    void noBodyOrNullIsNoPayloadAndAnyJsonValueIsOne() throws Exception {
        // As curl -X POST sends it: no body, no Content-Type.
        HttpResponse<String> bare = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                RestAssured.baseURI + ":" + RestAssured.port + path(workflowId))).header("X-API-Key", owner.key())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).as(bare.body()).isEqualTo(202);
        String none = EventJson.mapper().readTree(bare.body()).path("job_id").textValue();
        assertThat(EventJson.mapper().convertValue(intent(none).parameters(), RunWorkflow.class).payload()).isNull();
        assertThat(intent(none).parameters().has("payloadFile")).isFalse();
        assertThat(intent(none).parameters().has("payload")).isFalse();

        String empty = given().header("X-API-Key", owner.key()).contentType("application/json").body("")
                .post(path(workflowId)).then().statusCode(202).extract().path("job_id");
        assertThat(intent(empty).parameters().has("payload")).isFalse();
        // Nothing, whatever type a client gives it by default.
        String untyped = given().header("X-API-Key", owner.key()).contentType("text/plain").post(path(workflowId))
                .then().statusCode(202).extract().path("job_id");
        assertThat(intent(untyped).parameters().has("payload")).isFalse();

        String nothing = run(owner, workflowId, null, "null").then().statusCode(202).extract().path("job_id");
        assertThat(intent(nothing).parameters().has("payload")).isFalse();

        String number = run(owner, workflowId, null, "42").then().statusCode(202).extract().path("job_id");
        assertThat(intent(number).parameters().path("payload").intValue()).isEqualTo(42);
        String list = run(owner, workflowId, null, "[1, \"two\"]").then().statusCode(202).extract().path("job_id");
        assertThat(intent(list).parameters().path("payload").get(1).textValue()).isEqualTo("two");
    }

    @Test
    void anIdempotencyKeyStartsOneRun() {
        String key = UUID.randomUUID().toString();
        String first = run(owner, workflowId, key, "{\"a\": 1}").then().statusCode(202)
                .header("Idempotent-Replayed", nullValue()).extract().path("job_id");
        ExtractableResponse<Response> again = run(owner, workflowId, key, "{\"a\": 1}").then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("job_id", is(first)).extract();
        assertThat(again.header("Location")).endsWith("/api/jobs/" + first);
        // The replay reached neither the orchestrator nor the job records.
        orchestrator.verify(1, getRequestedFor(urlPathEqualTo(workflowPath(owner, workflowId))));
        run(owner, workflowId, key, "{\"a\": 2}").then().statusCode(422).body("code", is("idempotency_key_reused"));
    }

    @Test
    void anotherUsersOrAMissingWorkflowIsNotFoundAndStartsNothing() throws Throwable {
        TestUsers intruder = TestUsers.create(apiKeys, "pro");
        orchestrator.stubFor(get(urlPathEqualTo(workflowPath(intruder, workflowId))).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"workflow_not_found\", \"message\": \"No such workflow\"}")));

        run(intruder, workflowId, null, "{}").then().statusCode(404).contentType("application/problem+json")
                .body("code", is("workflow_not_found"));
        assertThat(jobs(intruder)).isZero();
    }

    @Test
    void theOrchestratorAwayIsWorkflowsUnavailable() throws Throwable {
        String failing = UUID.randomUUID().toString();
        orchestrator.stubFor(get(urlPathEqualTo(workflowPath(owner, failing))).willReturn(aResponse().withStatus(500)));
        String cut = UUID.randomUUID().toString();
        orchestrator.stubFor(get(urlPathEqualTo(workflowPath(owner, cut))).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        for (String id : new String[] {failing, cut}) {
            run(owner, id, null, "{}").then().statusCode(503).contentType("application/problem+json")
                    .body("code", is("workflows_unavailable"));
        }
        assertThat(jobs(owner)).isZero();
    }

    @Test
    void whatCannotBeAPayloadIsRefusedBeforeTheWorkflowIsRead() throws Throwable {
        String id = UUID.randomUUID().toString(); // the orchestrator must not be asked about it
        run(owner, id, null, "{\"week\": ").then().statusCode(400).body("code", is("invalid_request"));
        run(owner, id, null, "{\"week\": 2026-12-07}").then().statusCode(400).body("code", is("invalid_request"));
        String large = "{\"text\": \"" + "x".repeat(WorkflowResource.MAX_PAYLOAD_BYTES) + "\"}";
        run(owner, id, null, large).then().statusCode(413).body("code", is("body_too_large"))
                .body("details.max_bytes", is(WorkflowResource.MAX_PAYLOAD_BYTES));
        run(owner, id, null, "{\"rows\": [\"ok\", \"a\\u0000b\"]}").then().statusCode(400)
                .body("code", is("invalid_character")).body("details.field", is("rows[1]"))
                .body("details.character", is("U+0000"));
        run(owner, id, null, "{\"bad\\u0007name\": 1}").then().statusCode(400).body("code", is("invalid_character"))
                .body("details.field", is("body"));
        given().header("X-API-Key", owner.key()).contentType("text/plain").body("hello").post(path(id)).then()
                .statusCode(415).body("code", is("unsupported_media_type"));
        given().header("X-API-Key", owner.key()).body("{}".getBytes()).post(path(id)).then().statusCode(415)
                .body("code", is("unsupported_media_type")); // a body without its type
        given().contentType("application/json").body("{}").post(path(workflowId)).then().statusCode(401)
                .body("code", is("missing_credentials"));
        orchestrator.verify(0, getRequestedFor(urlPathEqualTo(workflowPath(owner, id))));
        assertThat(jobs(owner)).isZero();
        // TAB, LF and CR are text.
        String text = run(owner, workflowId, null, "\"tab\\tand\\r\\nlines\"").then().statusCode(202).extract()
                .path("job_id");
        assertThat(intent(text).parameters().path("payload").textValue()).isEqualTo("tab\tand\r\nlines");
    }

    @Test
    void theDocumentDescribesTheRun() {
        var post = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        String run = "paths.'/api/workflows/{id}/runs'.post.";
        assertThat(post.getString(run + "operationId")).isEqualTo("runWorkflow");
        assertThat(post.getString(run + "description")).contains("trigger.payload", "262,144");
        assertThat(post.getBoolean(run + "requestBody.required")).isFalse();
        assertThat(post.getString(run + "requestBody.content.'application/json'.schema.$ref")).endsWith("/JsonValue");
        assertThat(post.getString(run + "responses.'202'.content.'application/json'.schema.$ref"))
                .endsWith("/JobAccepted");
        assertThat(post.getMap(run + "responses")).containsKeys("202", "400", "401", "404", "409", "413", "422",
                "429", "503");
        assertThat(post.getList(run + "parameters.$ref", String.class))
                .contains("#/components/parameters/IdempotencyKey");
    }

    /** The orchestrator knows this workflow of this owner at this revision, with three steps. */
    private void known(TestUsers who, String id, int revision) {
        orchestrator.stubFor(get(urlPathEqualTo(workflowPath(who, id))).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"" + id + "\", \"name\":"
                        + " \"Monday sales\", \"enabled\": true, \"revision\": " + revision + ", \"created_at\":"
                        + " \"2026-12-07T08:00:00Z\", \"updated_at\": \"2026-12-07T08:00:00Z\", \"definition\":"
                        + " {\"name\": \"Monday sales\", \"trigger\": {\"type\": \"manual\"}, \"steps\": ["
                        + "{\"type\": \"http\", \"name\": \"fetch\", \"url\": \"https://api.example.com/sales\"},"
                        + "{\"type\": \"transform\", \"name\": \"totals\", \"input\": \"fetch\","
                        + " \"target_format\": \"xlsx\"},"
                        + "{\"type\": \"notify\", \"name\": \"send\", \"channel\": \"email\", \"message\": \"Done\"}"
                        + "]}}")));
    }

    private static String workflowPath(TestUsers who, String id) {
        return "/workflows/" + who.user().id + "/" + id;
    }

    private static String path(String id) {
        return "/api/workflows/" + id + "/runs";
    }

    private static Response run(TestUsers caller, String id, String idempotencyKey, String json) {
        RequestSpecification request = given().header("X-API-Key", caller.key()).contentType("application/json")
                .body(json);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(path(id));
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
