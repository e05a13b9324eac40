package io.autoflow.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.Topics;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.domain.Job;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workflow run's controls on {@code /api/jobs/{id}}: {@code cancel} (passed to the orchestrator, WireMock here,
 * which checks the owner and says whether the run can still be cancelled), {@code rerun} (a failed run of the
 * caller's started again as a new job, its intent naming the earlier run), and the jobs of a run's steps, which the
 * orchestrator made and the gateway has no record of, shown to their owner only.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JobResultViewTest.Orchestrator.class)
class WorkflowRunControlTest {

    private static final String WORKFLOW = "3f6b2a1e-9c4d-4e7a-8b2f-5d1c0e9a7b36";
    /** A run of three steps whose second failed: the first is reused by a rerun, the last two run again. */
    private static final String FAILED_RUN = "{\"workflow_id\":\"" + WORKFLOW + "\",\"revision\":3,\"trigger\":"
            + "\"manual\",\"steps\":[{\"name\":\"fetch\",\"type\":\"http\",\"status\":\"completed\",\"attempt\":1,"
            + "\"job_id\":\"" + UUID.randomUUID() + "\"},{\"name\":\"totals\",\"type\":\"transform\",\"status\":"
            + "\"failed\",\"attempt\":2,\"job_id\":\"" + UUID.randomUUID() + "\",\"error_code\":\"transform_failed\"},"
            + "{\"name\":\"send\",\"type\":\"notify\",\"status\":\"skipped\",\"attempt\":0}],"
            + "\"narrative\":{\"text\":\"Monday sales failed at step totals\"}}";

    WireMockServer orchestrator;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Pool db;

    @Inject
    BlobStore blobs;

    private TestUsers owner;
    private TestUsers intruder;

    @BeforeEach
    void users() throws Throwable {
        owner = TestUsers.create(apiKeys, "pro");
        intruder = TestUsers.create(apiKeys, "pro");
    }

    @Test
    void cancellingARunAnswersItCancelledAndAuditsIt() throws Throwable {
        UUID run = recorded(owner, Intents.WORKFLOW_RUN);
        orchestrator.stubFor(post(urlPathEqualTo("/executions/" + run + "/cancel"))
                .withQueryParam("user_id", equalTo(owner.user().id.toString()))
                .willReturn(json(200, execution(run, Intents.WORKFLOW_RUN, "failed", FAILED_RUN
                        .replace("\"failed\",\"attempt\":2", "\"cancelled\",\"attempt\":2"),
                        "{\"code\":\"cancelled\",\"message\":\"The run was cancelled\"}"))));

        JsonPath cancelled = given().header("X-API-Key", owner.key()).post("/api/jobs/" + run + "/cancel").then()
                .statusCode(200).contentType("application/json").extract().jsonPath();

        assertThat(cancelled.getString("job_id")).isEqualTo(run.toString());
        assertThat(cancelled.getString("workflow_type")).isEqualTo("workflow_run");
        assertThat(cancelled.getString("status")).isEqualTo("failed");
        assertThat(cancelled.getString("error.code")).isEqualTo("cancelled");
        assertThat(cancelled.getString("file_name")).isEqualTo("Monday sales");
        assertThat(cancelled.getString("result.workflow_id")).isEqualTo(WORKFLOW);
        assertThat(cancelled.getList("result.steps.status")).containsExactly("completed", "cancelled", "skipped");
        orchestrator.verify(1, postRequestedFor(urlPathEqualTo("/executions/" + run + "/cancel"))
                .withQueryParam("user_id", equalTo(owner.user().id.toString())));

        Row audited = audit(owner, "workflow.run_cancelled");
        assertThat(audited.getString("target")).isEqualTo(WORKFLOW);
        assertThat(audited.getJsonObject("details").getString("job_id")).isEqualTo(run.toString());
    }

    @Test
    void aRunThatEndedOrAJobThatIsNoRunIsNotCancelled() throws Throwable {
        UUID ended = recorded(owner, Intents.WORKFLOW_RUN);
        orchestrator.stubFor(post(urlPathEqualTo("/executions/" + ended + "/cancel")).willReturn(json(409,
                "{\"code\":\"run_finished\",\"message\":\"The run has already ended (completed)\"}")));
        given().header("X-API-Key", owner.key()).post("/api/jobs/" + ended + "/cancel").then().statusCode(409)
                .contentType("application/problem+json").body("code", is("run_finished"))
                .body("message", is("The run has already ended (completed)"));

        // One step's job of a run: only the orchestrator knows it, and it is no run.
        String step = UUID.randomUUID().toString();
        orchestrator.stubFor(post(urlPathEqualTo("/executions/" + step + "/cancel")).willReturn(json(409,
                "{\"code\":\"not_cancellable\",\"message\":\"Only a workflow's run can be cancelled\"}")));
        given().header("X-API-Key", owner.key()).post("/api/jobs/" + step + "/cancel").then().statusCode(409)
                .body("code", is("not_cancellable"));

        // A job the gateway accepted that is no run: refused without asking.
        UUID analysis = recorded(owner, Intents.DOCUMENT_ANALYTICS);
        given().header("X-API-Key", owner.key()).post("/api/jobs/" + analysis + "/cancel").then().statusCode(409)
                .body("code", is("not_cancellable"));
        orchestrator.verify(0, postRequestedFor(urlPathEqualTo("/executions/" + analysis + "/cancel")));
        assertThat(audits(owner, "workflow.run_cancelled")).isZero();
    }

    @Test
    void anotherUsersOrAnUnknownJobIsNotFoundAndTheOrchestratorAwayIsUnavailable() throws Throwable {
        UUID run = recorded(owner, Intents.WORKFLOW_RUN);
        given().header("X-API-Key", intruder.key()).post("/api/jobs/" + run + "/cancel").then().statusCode(404)
                .contentType("application/problem+json").body("code", is("job_not_found"));
        orchestrator.verify(0, postRequestedFor(urlPathEqualTo("/executions/" + run + "/cancel")));

        // Neither the gateway nor the orchestrator knows it as the caller's (WireMock answers 404 to the unstubbed).
        given().header("X-API-Key", intruder.key()).post("/api/jobs/" + UUID.randomUUID() + "/cancel").then()
                .statusCode(404).body("code", is("job_not_found"));
        given().header("X-API-Key", owner.key()).post("/api/jobs/not-a-job/cancel").then().statusCode(404)
                .body("code", is("job_not_found"));

        // The caller's own run the orchestrator has not taken up yet: not cancellable yet, rather than not found.
        given().header("X-API-Key", owner.key()).post("/api/jobs/" + run + "/cancel").then().statusCode(503)
                .body("code", is("orchestrator_unavailable"));
        UUID failing = recorded(owner, Intents.WORKFLOW_RUN);
        orchestrator.stubFor(post(urlPathEqualTo("/executions/" + failing + "/cancel"))
                .willReturn(aResponse().withStatus(500)));
        given().header("X-API-Key", owner.key()).post("/api/jobs/" + failing + "/cancel").then().statusCode(503)
                .body("code", is("orchestrator_unavailable"));
        given().post("/api/jobs/" + run + "/cancel").then().statusCode(401).body("code", is("missing_credentials"));
        assertThat(audits(owner, "workflow.run_cancelled") + audits(intruder, "workflow.run_cancelled")).isZero();
    }

    @Test
    void aFailedRunStartsAgainFromItsFailedStepAsANewJob() throws Throwable {
        UUID earlier = recorded(owner, Intents.WORKFLOW_RUN);
        known(owner, earlier, Intents.WORKFLOW_RUN, "failed", FAILED_RUN);
        String key = UUID.randomUUID().toString();

        ExtractableResponse<Response> accepted = given().header("X-API-Key", owner.key())
                .header("Idempotency-Key", key).post("/api/jobs/" + earlier + "/rerun").then().statusCode(202)
                .contentType("application/json").body("status", is("queued")).body("estimated_time", is(4))
                .header("Idempotent-Replayed", nullValue()).extract();
        String jobId = accepted.path("job_id");
        assertThat(jobId).isNotEqualTo(earlier.toString());
        assertThat(accepted.header("Location")).endsWith("/api/jobs/" + jobId);

        IntentParsed intent = intent(jobId);
        assertThat(intent.intent()).isEqualTo(Intents.WORKFLOW_RUN);
        assertThat(intent.userId()).isEqualTo(owner.user().id.toString());
        RunWorkflow parameters = EventJson.mapper().convertValue(intent.parameters(), RunWorkflow.class);
        assertThat(parameters.workflowId()).isEqualTo(WORKFLOW);
        assertThat(parameters.revision()).isEqualTo(3);
        assertThat(parameters.name()).isEqualTo("Monday sales");
        assertThat(parameters.trigger()).isEqualTo("manual");
        assertThat(parameters.rerunOf()).isEqualTo(earlier.toString());
        assertThat(parameters.ownerEmail()).isEqualTo(owner.user().email);
        assertThat(intent.parameters().has("payload")).as("the orchestrator reuses the earlier run's").isFalse();
        assertThat(parameters.definition()).isNull();

        Row job = db.preparedQuery("SELECT workflow_type, file_name FROM gateway.jobs WHERE id = $1 AND user_id = $2")
                .execute(Tuple.of(UUID.fromString(jobId), owner.user().id)).await().indefinitely().iterator().next();
        assertThat(job.getString("workflow_type")).isEqualTo("workflow_run");
        assertThat(job.getString("file_name")).isEqualTo("Monday sales");
        Row audited = audit(owner, "workflow.run_restarted");
        assertThat(audited.getString("target")).isEqualTo(WORKFLOW);
        assertThat(audited.getJsonObject("details").getString("job_id")).isEqualTo(jobId);
        assertThat(audited.getJsonObject("details").getString("rerun_of")).isEqualTo(earlier.toString());
        assertThat(audited.getJsonObject("details").getInteger("revision")).isEqualTo(3);

        // The same request again with its key is the same run.
        given().header("X-API-Key", owner.key()).header("Idempotency-Key", key)
                .post("/api/jobs/" + earlier + "/rerun").then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("job_id", is(jobId));
        orchestrator.verify(1, getRequestedFor(urlPathEqualTo("/executions/" + earlier)));
        assertThat(jobs(owner)).isEqualTo(2);
    }

    @Test
    void onlyAFailedRunOfTheCallersStartsAgain() throws Throwable {
        UUID completed = recorded(owner, Intents.WORKFLOW_RUN);
        known(owner, completed, Intents.WORKFLOW_RUN, "completed", FAILED_RUN.replace("failed", "completed"));
        UUID running = recorded(owner, Intents.WORKFLOW_RUN);
        known(owner, running, Intents.WORKFLOW_RUN, "processing", FAILED_RUN.replace("\"failed\"", "\"running\""));
        UUID notYetTakenUp = recorded(owner, Intents.WORKFLOW_RUN);
        UUID analysis = recorded(owner, Intents.DOCUMENT_ANALYTICS);
        known(owner, analysis, Intents.DOCUMENT_ANALYTICS, "failed", "null");
        for (UUID job : new UUID[] {completed, running, notYetTakenUp, analysis}) {
            given().header("X-API-Key", owner.key()).post("/api/jobs/" + job + "/rerun").then().statusCode(409)
                    .contentType("application/problem+json").body("code", is("run_not_failed"));
        }

        UUID failed = recorded(owner, Intents.WORKFLOW_RUN);
        known(owner, failed, Intents.WORKFLOW_RUN, "failed", FAILED_RUN);
        given().header("X-API-Key", intruder.key()).post("/api/jobs/" + failed + "/rerun").then().statusCode(404)
                .body("code", is("job_not_found"));
        // A step's job is no run of the caller's the gateway accepted.
        String step = UUID.randomUUID().toString();
        known(owner, UUID.fromString(step), Intents.WORKFLOW_RUN, "failed", FAILED_RUN);
        given().header("X-API-Key", owner.key()).post("/api/jobs/" + step + "/rerun").then().statusCode(404)
                .body("code", is("job_not_found"));
        given().header("X-API-Key", owner.key()).post("/api/jobs/not-a-job/rerun").then().statusCode(404);

        UUID unreadable = recorded(owner, Intents.WORKFLOW_RUN);
        orchestrator.stubFor(get(urlPathEqualTo("/executions/" + unreadable)).willReturn(aResponse().withStatus(500)));
        given().header("X-API-Key", owner.key()).post("/api/jobs/" + unreadable + "/rerun").then().statusCode(503)
                .body("code", is("orchestrator_unavailable"));
        given().post("/api/jobs/" + failed + "/rerun").then().statusCode(401);

        assertThat(jobs(owner)).as("no run started").isEqualTo(6);
        assertThat(jobs(intruder)).isZero();
        assertThat(audits(owner, "workflow.run_restarted") + audits(intruder, "workflow.run_restarted")).isZero();
    }

    @Test
    void aStepsJobOnlyTheOrchestratorKnowsIsShownToItsOwnerWithItsLinks() throws Throwable {
        UUID call = UUID.randomUUID(); // the gateway has no record of it: the orchestrator made it for a run's step
        String answer = "automations/" + owner.user().id + "/" + call + "/response.json";
        known(owner, call, Intents.API_AUTOMATION, "completed", "{\"request\":{\"method\":\"GET\",\"url\":"
                + "\"https://api.example.com/sales\"},\"status_code\":200,\"content_type\":\"application/json\","
                + "\"size_bytes\":2,\"duration_ms\":5,\"attempts\":1,\"response\":{\"key\":\"" + answer + "\","
                + "\"media_type\":\"application/json\",\"size_bytes\":2},\"preview\":\"{}\",\"narrative\":{\"text\":"
                + "\"GET answered 200\"}}");

        JsonPath shown = given().header("X-API-Key", owner.key()).get("/api/jobs/" + call).then().statusCode(200)
                .extract().jsonPath();
        assertThat(shown.getString("job_id")).isEqualTo(call.toString());
        assertThat(shown.getString("workflow_type")).isEqualTo("api_automation");
        assertThat(shown.getInt("result.status_code")).isEqualTo(200);
        assertThat(shown.getString("download_url")).startsWith("/files/");
        assertThat(shown.getString("file_name")).isNull();

        // An analysis step's report, from its own prefix.
        UUID analysis = UUID.randomUUID();
        String report = "reports/" + owner.user().id + "/" + analysis + "/report.pdf";
        blobs.put(report, new ByteArrayInputStream("%PDF-1.7 step".getBytes(StandardCharsets.US_ASCII)));
        known(owner, analysis, Intents.DOCUMENT_ANALYTICS, "completed", "{\"report\":{\"format\":\"pdf\","
                + "\"media_type\":\"application/pdf\",\"key\":\"" + report + "\",\"size_bytes\":13},"
                + "\"narrative\":{\"text\":\"sales has 48 rows\"}}");
        given().header("X-API-Key", owner.key()).get("/api/jobs/" + analysis).then().statusCode(200)
                .body("report_url", is("/api/jobs/" + analysis + "/report"))
                .body("download_url", startsWith("/files/"));
        byte[] pdf = given().header("X-API-Key", owner.key()).get("/api/jobs/" + analysis + "/report").then()
                .statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new String(pdf, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7 step");

        // Another user: the orchestrator knows no such job of theirs (WireMock's 404 for the unstubbed).
        for (String path : new String[] {"/api/jobs/" + call, "/api/jobs/" + analysis + "/report",
                "/api/jobs/" + call + "/events"}) {
            given().header("X-API-Key", intruder.key()).get(path).then().statusCode(404)
                    .contentType("application/problem+json").body("code", is("job_not_found"));
        }
    }

    @Test
    void aJobTheGatewayRecordedForAnotherUserIsNotFoundWhateverTheOrchestratorSays() throws Throwable {
        UUID mine = recorded(owner, Intents.WORKFLOW_RUN);
        // Were the orchestrator to answer for the intruder, the gateway's own record decides.
        known(intruder, mine, Intents.WORKFLOW_RUN, "failed", FAILED_RUN);
        given().header("X-API-Key", intruder.key()).get("/api/jobs/" + mine).then().statusCode(404)
                .body("code", is("job_not_found"));
        orchestrator.verify(0, getRequestedFor(urlPathEqualTo("/executions/" + mine))
                .withQueryParam("user_id", equalTo(intruder.user().id.toString())));

        UUID unknown = UUID.randomUUID();
        orchestrator.stubFor(get(urlPathEqualTo("/executions/" + unknown)).willReturn(aResponse().withStatus(500)));
        given().header("X-API-Key", owner.key()).get("/api/jobs/" + unknown).then().statusCode(503)
                .body("code", is("orchestrator_unavailable"));
    }

    @Test
    void theDocumentDescribesTheRunsControls() {
        var document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        String cancel = "paths.'/api/jobs/{id}/cancel'.post.";
        assertThat(document.getString(cancel + "operationId")).isEqualTo("cancelWorkflowRun");
        assertThat(document.getString(cancel + "responses.'200'.content.'application/json'.schema.$ref"))
                .endsWith("/Job");
        assertThat(document.getMap(cancel + "responses")).containsKeys("200", "401", "404", "409", "503")
                .doesNotContainKey("202");
        assertThat(document.getString(cancel + "responses.'409'.description")).contains("run_finished",
                "not_cancellable");
        assertThat(document.getList(cancel + "parameters.$ref", String.class))
                .doesNotContain("#/components/parameters/IdempotencyKey");

        String rerun = "paths.'/api/jobs/{id}/rerun'.post.";
        assertThat(document.getString(rerun + "operationId")).isEqualTo("rerunWorkflowRun");
        assertThat(document.getString(rerun + "responses.'202'.content.'application/json'.schema.$ref"))
                .endsWith("/JobAccepted");
        assertThat(document.getMap(rerun + "responses")).containsKeys("202", "400", "401", "404", "409", "422",
                "429", "503").doesNotContainKey("200");
        assertThat(document.getString(rerun + "responses.'409'.description")).contains("run_not_failed",
                "idempotency_request_in_progress");
        assertThat(document.getList(rerun + "parameters.$ref", String.class))
                .contains("#/components/parameters/IdempotencyKey");
        assertThat(document.getString(rerun + "responses.'202'.content.'application/json'.example.status"))
                .isEqualTo("queued");
        assertThat(document.getString(cancel + "responses.'200'.content.'application/json'.example.error.code"))
                .isEqualTo("cancelled");
    }

    /** A job the gateway accepted for this user, named as a run is: after its workflow. */
    private UUID recorded(TestUsers who, String workflowType) throws Throwable {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.userId = who.user().id;
        job.workflowType = workflowType;
        job.fileName = "Monday sales";
        job.intent = "{}";
        job.createdAt = Instant.now();
        job.publishedAt = Instant.now(); // nothing for the outbox to send
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(job::persist));
        return job.id;
    }

    /** The orchestrator knows the job as this user's, in this state with this result. */
    private void known(TestUsers who, UUID id, String workflowType, String status, String result) {
        orchestrator.stubFor(get(urlPathEqualTo("/executions/" + id))
                .withQueryParam("user_id", equalTo(who.user().id.toString()))
                .willReturn(json(200, execution(id, workflowType, status, result, null))));
    }

    private static String execution(UUID id, String workflowType, String status, String result, String error) {
        return "{\"job_id\":\"" + id + "\",\"workflow_type\":\"" + workflowType + "\",\"status\":\"" + status
                + "\",\"created_at\":\"2026-12-07T09:00:00Z\",\"attempt\":1,\"result\":" + result
                + (error == null ? "" : ",\"error\":" + error) + "}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private IntentParsed intent(String jobId) throws Exception {
        String value = new KafkaTestClient(bootstrapServers).awaitRecord(Topics.INTENTS,
                record -> jobId.equals(record.key()), Duration.ofSeconds(20)).value();
        return EventJson.mapper().readValue(value, IntentParsed.class);
    }

    private Row audit(TestUsers who, String action) {
        return db.preparedQuery("SELECT target, details FROM gateway.audit_log WHERE actor = $1 AND action = $2")
                .execute(Tuple.of(who.user().id.toString(), action)).await().indefinitely().iterator().next();
    }

    private long audits(TestUsers who, String action) {
        return db.preparedQuery("SELECT count(*) FROM gateway.audit_log WHERE actor = $1 AND action = $2")
                .execute(Tuple.of(who.user().id.toString(), action)).await().indefinitely().iterator().next()
                .getLong(0);
    }

    private long jobs(TestUsers who) {
        return db.preparedQuery("SELECT count(*) FROM gateway.jobs WHERE user_id = $1")
                .execute(Tuple.of(who.user().id)).await().indefinitely().iterator().next().getLong(0);
    }
}
