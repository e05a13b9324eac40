package io.autoflow.orchestrator.run;

import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.NotificationRequested;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workflow runs driven through Kafka as the services see them: each step's job on its service's topic, the workers'
 * events played here, the chain advancing, retried after its backoff, falling back, cancelled and run again.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class WorkflowRunTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String OWNER = "owner@example.com";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaTestClient kafka;
    private String user;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        user = "runner-" + UUID.randomUUID();
    }

    @Test
    void runsTheChainRetryingAFailedCallAndSendsTheTransformedFileByEmail() throws Exception {
        String workflow = saved(chain());
        String run = started(workflow, null);

        String fetch1 = stepJob(run, "fetch", 1);
        RunAutomation call = request(Topics.WORKFLOW_API_AUTOMATION, fetch1, RunAutomation.class);
        assertThat(call.url()).isEqualTo("https://api.example.com/sales?week=2026-W49");
        assertThat(call.userId()).isEqualTo(user);
        assertThat(call.request().credential()).isEqualTo("sales-api");
        assertThat(call.request().headers()).containsEntry("Accept", "application/json");
        runView(run).body("status", is("processing")).body("result.steps[0].status", is("running"))
                .body("result.steps[1].status", is("pending"));

        // A transient failure: tried again after its backoff (1 s), as a new job of its own.
        kafka.send(Topics.EXECUTION_EVENTS, fetch1, ExecutionEvent.failed(fetch1, ErrorInfo.of("api_unavailable",
                "503")));
        String fetch2 = stepJob(run, "fetch", 2);
        request(Topics.WORKFLOW_API_AUTOMATION, fetch2, RunAutomation.class);
        runView(run).body("result.steps[0].attempt", is(2));
        String answer = "automations/" + user + "/" + fetch2 + "/answer.json";
        finish(fetch2, EventJson.mapper().readTree("{\"status_code\":200,\"response\":{\"key\":\"" + answer
                + "\",\"media_type\":\"application/json\",\"size_bytes\":512}}"));

        String totals = stepJob(run, "totals", 1);
        TransformData transform = request(Topics.WORKFLOW_DATA_TRANSFORM, totals, TransformData.class);
        assertThat(transform.blobKey()).isEqualTo(answer);
        assertThat(transform.contentType()).isEqualTo("application/json");
        assertThat(transform.fileName()).isEqualTo("fetch.json");
        assertThat(transform.jsonata()).isEqualTo("data");
        assertThat(transform.operations()).hasSize(2);
        assertThat(transform.targetFormat()).isEqualTo("xlsx");
        String file = "transforms/" + user + "/" + totals + "/data.xlsx";
        finish(totals, EventJson.mapper().readTree("{\"target_format\":\"xlsx\",\"tables\":1,\"rows\":4,"
                + "\"file\":{\"key\":\"" + file + "\",\"media_type\":\"application/vnd.ms-excel\","
                + "\"size_bytes\":4096}}"));

        String send = stepJob(run, "send", 1);
        NotificationRequested email = handover(send);
        assertThat(email.channel()).isEqualTo("email");
        assertThat(email.target()).isEqualTo(OWNER);
        assertThat(email.result().path("subject").asText()).isEqualTo("Sales by product, week 2026-W49");
        assertThat(email.result().path("message").asText()).isEqualTo("EU revenue by product (4 products) is"
                + " attached.");
        assertThat(email.result().path("attachment").path("key").asText()).isEqualTo(file);
        assertThat(email.result().path("attachment_name").asText()).isEqualTo("totals.xlsx");
        runView(run).body("status", is("processing")).body("result.steps[2].status", is("running"));

        delivered(send, DeliveryEvent.Status.DELIVERED);
        awaitRun(run, "completed");
        JsonNode result = runResult(run);
        assertThat(result.path("steps")).extracting(s -> s.path("status").asText())
                .containsExactly("completed", "completed", "completed");
        assertThat(result.path("steps").get(0).path("attempt").asInt()).isEqualTo(2);
        assertThat(result.path("steps").get(0).has("finished")).isFalse(); // no field of the record's own making
        assertThat(result.path("steps").get(0).path("output_bytes").asLong()).isEqualTo(512);
        assertThat(result.path("steps").get(1).path("input_bytes").asLong()).isEqualTo(512);
        assertThat(result.path("steps").get(1).path("job_id").asText()).isEqualTo(totals);
        assertThat(result.path("revision").asInt()).isEqualTo(1);
        assertThat(result.path("narrative").path("text").asText()).isEqualTo("Sales chain ran its 3 steps.");

        // Late and repeated events change nothing; the steps' jobs are the run's, not listed on their own.
        kafka.send(Topics.EXECUTION_EVENTS, totals, ExecutionEvent.failed(totals, ErrorInfo.of("late", "late")));
        kafka.send(Topics.EXECUTION_EVENTS, fetch1, ExecutionEvent.completed(fetch1,
                EventJson.mapper().createObjectNode()));
        String marker = started(workflow, null);
        request(Topics.WORKFLOW_API_AUTOMATION, stepJob(marker, "fetch", 1), RunAutomation.class);
        runView(run).body("status", is("completed"));
        assertThat(given().queryParam("user_id", user).get("/executions").then().statusCode(200).extract()
                .jsonPath().getList("job_id")).containsExactlyInAnyOrder(run, marker);
        given().queryParam("user_id", user).get("/executions/" + totals).then().statusCode(200)
                .body("workflow_type", is("data_transform"));
        // Live views hear of a step's job once it changes; not when it is made, as nobody knows its id before.
        kafka.awaitRecord(Topics.JOB_UPDATES, r -> run.equals(r.key()) && r.value().contains("\"completed\""),
                Duration.ofSeconds(10));
        assertThat(kafka.readAll(Topics.JOB_UPDATES, Duration.ofSeconds(5))).filteredOn(r -> totals.equals(r.key()))
                .extracting(r -> r.value()).isNotEmpty().noneMatch(update -> update.contains("\"status\":\"queued\""));
    }

    @Test
    void aStepThatFailsForGoodRunsItsFallbackAndFailsTheRunWithItsError() throws Exception {
        ObjectNode definition = chain();
        String workflow = saved(definition);
        String run = started(workflow, null);
        String fetch = stepJob(run, "fetch", 1);
        request(Topics.WORKFLOW_API_AUTOMATION, fetch, RunAutomation.class);
        finish(fetch, EventJson.mapper().readTree("{\"response\":{\"key\":\"automations/" + user + "/" + fetch
                + "/answer.json\",\"media_type\":\"application/json\",\"size_bytes\":10}}"));
        String totals = stepJob(run, "totals", 1);
        request(Topics.WORKFLOW_DATA_TRANSFORM, totals, TransformData.class);
        finish(totals, EventJson.mapper().readTree("{\"rows\":1,\"file\":{\"key\":\"transforms/" + user + "/"
                + totals + "/data.xlsx\",\"size_bytes\":99}}"));
        String send = stepJob(run, "send", 1);
        handover(send);
        delivered(send, DeliveryEvent.Status.FAILED);

        String alert = UUID.nameUUIDFromBytes((run + ":send#fallback:1").getBytes(StandardCharsets.UTF_8))
                .toString();
        NotificationRequested hook = handover(alert);
        assertThat(hook.channel()).isEqualTo("webhook");
        assertThat(hook.target()).isEqualTo("https://hooks.example.com/ops");
        assertThat(hook.result().path("message").asText()).isEqualTo("send failed: smtp_refused");
        delivered(alert, DeliveryEvent.Status.DELIVERED);

        awaitRun(run, "failed");
        runView(run).body("error.code", is("smtp_refused")).body("error.details.step", is("send"))
                .body("error.details.step_index", is(2));
        JsonNode steps = runResult(run).path("steps");
        assertThat(steps).extracting(s -> s.path("name").asText() + ":" + s.path("status").asText())
                .containsExactly("fetch:completed", "totals:completed", "send:failed", "alert:completed");
        assertThat(steps.get(3).path("fallback_for").asText()).isEqualTo("send");
    }

    @Test
    void aCancelledRunIgnoresItsStepsLateEventsAndAFailedRunStartsAgainFromItsFailedStep() throws Exception {
        String workflow = saved(chain());
        String run = started(workflow, null);
        String fetch = stepJob(run, "fetch", 1);
        request(Topics.WORKFLOW_API_AUTOMATION, fetch, RunAutomation.class);
        given().queryParam("user_id", "someone-else").post("/executions/" + run + "/cancel").then().statusCode(404);
        given().queryParam("user_id", user).post("/executions/" + run + "/cancel").then().statusCode(200)
                .body("status", is("failed")).body("error.code", is("cancelled"))
                .body("result.steps[0].status", is("cancelled")).body("result.steps[2].status", is("skipped"));
        given().queryParam("user_id", user).get("/executions/" + fetch).then().body("error.code", is("cancelled"));
        kafka.send(Topics.EXECUTION_EVENTS, fetch, ExecutionEvent.completed(fetch,
                EventJson.mapper().createObjectNode()));
        given().queryParam("user_id", user).post("/executions/" + run + "/cancel").then().statusCode(409)
                .body("code", is("run_finished"));
        given().queryParam("user_id", user).post("/executions/" + fetch + "/cancel").then().statusCode(409)
                .body("code", is("not_cancellable"));

        // A run failing at its second step, started again from there with the first step's answer reused.
        String failing = started(workflow, null);
        String fetched = stepJob(failing, "fetch", 1);
        request(Topics.WORKFLOW_API_AUTOMATION, fetched, RunAutomation.class);
        String answer = "automations/" + user + "/" + fetched + "/answer.json";
        finish(fetched, EventJson.mapper().readTree("{\"response\":{\"key\":\"" + answer
                + "\",\"media_type\":\"application/json\",\"size_bytes\":10}}"));
        String totals = stepJob(failing, "totals", 1);
        request(Topics.WORKFLOW_DATA_TRANSFORM, totals, TransformData.class);
        kafka.send(Topics.EXECUTION_EVENTS, totals, ExecutionEvent.failed(totals, ErrorInfo.of("unknown_column",
                "No column region")));
        awaitRun(failing, "failed");
        runView(failing).body("error.code", is("unknown_column")).body("result.steps[2].status", is("skipped"));

        String again = started(workflow, failing);
        TransformData retried = request(Topics.WORKFLOW_DATA_TRANSFORM, stepJob(again, "totals", 1),
                TransformData.class);
        assertThat(retried.blobKey()).isEqualTo(answer);
        runView(again).body("result.rerun_of", is(failing)).body("result.steps[0].reused", is(true))
                .body("result.steps[0].job_id", is(fetched)).body("result.steps[1].status", is("running"));
        // Not a run of this user's: refused, and said so.
        String stranger = started(saved(chain()), run);
        awaitRun(stranger, "failed");
        runView(stranger).body("error.code", is("rerun_not_possible"));
    }

    @Test
    void runsPastTheTiersRunsADayFailSayingSo() throws Exception {
        String workflow = saved(chain());
        String first = started(workflow, null, "tiny");
        String second = started(workflow, null, "tiny");
        request(Topics.WORKFLOW_API_AUTOMATION, stepJob(first, "fetch", 1), RunAutomation.class);
        request(Topics.WORKFLOW_API_AUTOMATION, stepJob(second, "fetch", 1), RunAutomation.class);
        String third = started(workflow, null, "tiny");
        awaitRun(third, "failed");
        runView(third).body("error.code", is("run_limit_reached")).body("error.details.runs_per_day", is(2));
        runView(first).body("status", is("processing"));
    }

    @Test
    void aStepReadsTheTriggersPayloadAsAFile() throws Exception {
        ObjectNode definition = EventJson.mapper().createObjectNode().put("name", "Rows posted");
        definition.putObject("trigger").put("type", "manual");
        definition.putArray("steps").addObject().put("type", "transform").put("name", "table").put("input", "trigger")
                .put("jsonata", "rows").put("target_format", "csv");
        String workflow = saved(definition);
        String key = "uploads/" + user + "/" + UUID.randomUUID() + "/payload.json";
        String run = UUID.randomUUID().toString();
        RunWorkflow asked = new RunWorkflow(workflow, 1, "Rows posted", "manual",
                EventJson.mapper().readTree("{\"rows\":[{\"a\":1}]}"), OWNER, null, null,
                new io.autoflow.events.result.StoredFile(key, "application/json", 17));
        kafka.send(Topics.INTENTS, run, new IntentParsed(run, user, "pro", Intents.WORKFLOW_RUN,
                EventJson.mapper().valueToTree(asked), Instant.now()));

        TransformData read = request(Topics.WORKFLOW_DATA_TRANSFORM, stepJob(run, "table", 1), TransformData.class);
        assertThat(read.blobKey()).isEqualTo(key);
        assertThat(read.contentType()).isEqualTo("application/json");
        assertThat(read.fileName()).isEqualTo("trigger.json");
        assertThat(read.jsonata()).isEqualTo("rows");

        // Without a payload, the step has nothing to read: it fails saying so, and the run with it.
        String bare = started(workflow, null);
        awaitRun(bare, "failed");
        runView(bare).body("error.code", is("step_input_missing")).body("error.details.step", is("table"));
    }

    private ObjectNode chain() throws IOException {
        try (InputStream in = WorkflowRunTest.class.getResourceAsStream("/run-chain.json")) {
            return (ObjectNode) EventJson.mapper().readTree(in);
        }
    }

    private String saved(ObjectNode definition) {
        return given().contentType("application/json").body(definition.toString())
                .post("/workflows/" + user + "?tier=pro").then().statusCode(201).extract().path("id");
    }

    /** A manual run with a payload, as the gateway asks for one. */
    private String started(String workflow, String rerunOf) {
        return started(workflow, rerunOf, "pro");
    }

    private String started(String workflow, String rerunOf, String tier) {
        String id = UUID.randomUUID().toString();
        RunWorkflow asked = new RunWorkflow(workflow, 1, "Sales chain", "manual",
                EventJson.mapper().createObjectNode().put("week", "2026-W49"), OWNER, rerunOf, null);
        kafka.send(Topics.INTENTS, id, new IntentParsed(id, user, tier, Intents.WORKFLOW_RUN,
                EventJson.mapper().valueToTree(asked), Instant.now()));
        return id;
    }

    private static String stepJob(String run, String step, int attempt) {
        return UUID.nameUUIDFromBytes((run + ":" + step + ":" + attempt).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private <T> T request(String topic, String job, Class<T> type) throws IOException {
        ConsumerRecord<String, String> sent = kafka.awaitRecord(topic, r -> job.equals(r.key()), WAIT);
        return EventJson.mapper().readValue(sent.value(), type);
    }

    private NotificationRequested handover(String job) throws IOException {
        ConsumerRecord<String, String> sent = kafka.awaitRecord(Topics.NOTIFICATIONS,
                r -> r.value().contains("\"executionId\":\"" + job + "\""), WAIT);
        return EventJson.mapper().readValue(sent.value(), NotificationRequested.class);
    }

    private void finish(String job, JsonNode result) {
        kafka.send(Topics.EXECUTION_EVENTS, job, ExecutionEvent.started(job));
        kafka.send(Topics.EXECUTION_EVENTS, job, ExecutionEvent.completed(job, result));
    }

    private void delivered(String job, DeliveryEvent.Status status) {
        ErrorInfo error = status == DeliveryEvent.Status.FAILED ? ErrorInfo.of("smtp_refused", "550 no such user")
                : null;
        kafka.send(Topics.DELIVERY_EVENTS, job, new DeliveryEvent(job + ".x", job, "email", OWNER, status, 1,
                null, error, null, Instant.now()));
    }

    private io.restassured.response.ValidatableResponse runView(String run) {
        return given().queryParam("user_id", user).get("/executions/" + run).then().statusCode(200);
    }

    private JsonNode runResult(String run) throws IOException {
        return EventJson.mapper().readTree(given().queryParam("user_id", user).get("/executions/" + run).then()
                .extract().body().asString()).path("result");
    }

    private void awaitRun(String run, String status) {
        await().atMost(WAIT).untilAsserted(() -> runView(run).body("status", is(status)));
    }
}
