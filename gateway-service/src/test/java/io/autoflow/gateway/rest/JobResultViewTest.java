package io.autoflow.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.EventJson;
import io.autoflow.events.Intents;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.domain.Job;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/jobs/{id}} publishes a job's result as its workflow's record: an analysis with the full result the
 * worker stored (not the event's summary), an API call with its answer; the blob keys the workers wrote stay inside
 * (the job's links stand for them), everything else is as the worker wrote it.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JobResultViewTest.Orchestrator.class)
class JobResultViewTest {

    WireMockServer orchestrator;

    @Inject
    ApiKeys apiKeys;

    @Inject
    BlobStore blobs;

    @Test
    void anAnalysisShowsItsFullResultWithLinksInsteadOfStorageKeys() throws Throwable {
        TestUsers owner = TestUsers.create(apiKeys, "pro");
        UUID id = job(owner, Intents.DOCUMENT_ANALYTICS);
        String prefix = "reports/" + owner.user().id + "/" + id + "/";
        String full = fixture("analysis-csv.json").replace("reports/u1/j1/", prefix);
        blobs.put(prefix + "result.json", new ByteArrayInputStream(full.getBytes(StandardCharsets.UTF_8)));
        completed(id, owner, Intents.DOCUMENT_ANALYTICS, fixture("analysis-csv-summary.json")
                .replace("reports/u1/j1/", prefix));

        JsonPath job = given().header("X-API-Key", owner.key()).get("/api/jobs/" + id).then().statusCode(200)
                .extract().jsonPath();

        assertThat(job.getString("result.tables[0].name")).isEqualTo("sales");
        assertThat(job.getInt("result.tables[0].row_count")).isEqualTo(48);
        assertThat(job.getMap("result")).doesNotContainKeys("detail", "table_count");
        assertThat(job.getMap("result.report")).doesNotContainKey("key").containsEntry("format", "pdf");
        assertThat(job.getList("result.charts.key")).containsOnlyNulls();
        assertThat(job.getList("charts.url", String.class)).isNotEmpty().allMatch(url -> url.startsWith("/files/"));
        assertThat(job.getString("report_url")).isEqualTo("/api/jobs/" + id + "/report");
        assertThat(job.getString("download_url")).startsWith("/files/");
        assertThat(job.getString("delivery_status")).isEqualTo("pending"); // asked for email (output.delivery)
        // Everything but the keys is as the worker wrote it.
        ObjectNode expected = (ObjectNode) EventJson.mapper().readTree(full);
        ((ObjectNode) expected.get("report")).remove("key");
        expected.get("charts").forEach(chart -> ((ObjectNode) chart).remove("key"));
        JsonNode shown = EventJson.mapper().readTree(given().header("X-API-Key", owner.key())
                .get("/api/jobs/" + id).then().extract().asString()).get("result");
        assertThat(shown).isEqualTo(expected);
    }

    @Test
    void anApiCallShowsItsAnswerAndLinksTheStoredOne() throws Throwable {
        TestUsers owner = TestUsers.create(apiKeys, "pro");
        UUID id = job(owner, Intents.API_AUTOMATION);
        String answer = "automations/" + owner.user().id + "/" + id + "/response.json";
        completed(id, owner, Intents.API_AUTOMATION, "{\"request\":{\"method\":\"GET\",\"url\":\"https://api.example.com/\"},"
                + "\"status_code\":200,\"content_type\":\"application/json\",\"size_bytes\":2,\"duration_ms\":5,"
                + "\"attempts\":1,\"response\":{\"key\":\"" + answer + "\",\"media_type\":\"application/json\","
                + "\"size_bytes\":2},\"preview\":\"{}\",\"narrative\":{\"text\":\"GET answered 200\"}}");

        JsonPath job = given().header("X-API-Key", owner.key()).get("/api/jobs/" + id).then().statusCode(200)
                .extract().jsonPath();

        assertThat(job.getInt("result.status_code")).isEqualTo(200);
        assertThat(job.getString("result.preview")).isEqualTo("{}");
        assertThat(job.getMap("result.response")).containsOnlyKeys("media_type", "size_bytes");
        assertThat(job.getString("download_url")).startsWith("/files/");
        assertThat(job.getString("delivery_status")).isEqualTo("ready");
    }

    @Test
    void aWorkflowRunShowsItsStepsAsTheOrchestratorKeepsThem() throws Throwable {
        TestUsers owner = TestUsers.create(apiKeys, "pro");
        UUID id = job(owner, Intents.WORKFLOW_RUN);
        String stepJob = UUID.randomUUID().toString();
        completed(id, owner, Intents.WORKFLOW_RUN, "{\"workflow_id\":\"3f6b2a1e-9c4d-4e7a-8b2f-5d1c0e9a7b36\","
                + "\"revision\":3,\"trigger\":\"manual\",\"steps\":[{\"name\":\"fetch\",\"type\":\"http\","
                + "\"status\":\"completed\",\"attempt\":2,\"job_id\":\"" + stepJob + "\",\"started_at\":"
                + "\"2026-01-01T00:00:01Z\",\"duration_ms\":1200,\"output_bytes\":2048},{\"name\":\"send\","
                + "\"type\":\"notify\",\"status\":\"failed\",\"attempt\":1,\"error_code\":\"invalid_email\"}],"
                + "\"narrative\":{\"text\":\"Monday sales: 1 of 2 steps completed\"}}");

        JsonPath job = given().header("X-API-Key", owner.key()).get("/api/jobs/" + id).then().statusCode(200)
                .extract().jsonPath();

        assertThat(job.getString("workflow_type")).isEqualTo("workflow_run");
        assertThat(job.getInt("result.revision")).isEqualTo(3);
        assertThat(job.getString("result.trigger")).isEqualTo("manual");
        assertThat(job.getList("result.steps.name")).containsExactly("fetch", "send");
        assertThat(job.getString("result.steps[0].job_id")).isEqualTo(stepJob);
        assertThat(job.getInt("result.steps[0].attempt")).isEqualTo(2);
        assertThat(job.getString("result.steps[1].error_code")).isEqualTo("invalid_email");
        assertThat(job.getString("result.narrative.text")).isEqualTo("Monday sales: 1 of 2 steps completed");
        assertThat(job.getString("download_url")).isNull(); // a run makes no file of its own: its steps' jobs do
    }

    private UUID job(TestUsers owner, String workflowType) throws Throwable {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.userId = owner.user().id;
        job.workflowType = workflowType;
        job.fileName = "sales.csv";
        job.intent = "{}";
        job.createdAt = Instant.now();
        job.publishedAt = Instant.now(); // nothing for the outbox to send
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(job::persist));
        return job.id;
    }

    /** The orchestrator knows the job as completed with this result. */
    private void completed(UUID id, TestUsers owner, String workflowType, String result) {
        orchestrator.stubFor(get(urlPathEqualTo("/executions/" + id)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"job_id\":\"" + id + "\",\"workflow_type\":\""
                        + workflowType + "\",\"status\":\"completed\",\"created_at\":\"2026-01-01T00:00:00Z\","
                        + "\"completed_at\":\"2026-01-01T00:00:05Z\",\"attempt\":1,\"result\":" + result + "}")));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = JobResultViewTest.class.getResourceAsStream("/results/" + name)) {
            return in == null ? "null" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    /** The orchestrator, as WireMock: each test says what it knows of its job. */
    public static class Orchestrator implements QuarkusTestResourceLifecycleManager {

        private final WireMockServer server = new WireMockServer(options().dynamicPort());

        @Override
        public Map<String, String> start() {
            server.start();
            return Map.of("quarkus.rest-client.orchestrator.url", server.baseUrl());
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(server, new TestInjector.MatchesType(WireMockServer.class));
        }

        @Override
        public void stop() {
            server.stop();
        }
    }
}
