package io.autoflow.orchestrator;

import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.JobUpdated;
import io.autoflow.events.NotificationRequested;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.SendMessage;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.events.result.JobResult;
import io.autoflow.orchestrator.messaging.IntentConsumer;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class OrchestrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    IntentConsumer intents;

    private KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @Test
    void recordsAnIntentAsAQueuedJobAndRoutesItToItsWorkflow() throws Exception {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, id, documentIntent(id, "user-a"));

        ConsumerRecord<String, String> request = kafka.awaitRecord(Topics.WORKFLOW_DOCUMENT_ANALYTICS,
                r -> id.equals(r.key()), WAIT);
        AnalyzeDocument sent = EventJson.mapper().readValue(request.value(), AnalyzeDocument.class);
        assertThat(sent.executionId()).isEqualTo(id);
        assertThat(sent.userId()).isEqualTo("user-a");
        assertThat(sent.blobKey()).isEqualTo("uploads/user-a/" + id + "/document");
        assertThat(KafkaTestClient.header(request, "ce_type")).isEqualTo(AnalyzeDocument.TYPE);
        assertThat(KafkaTestClient.header(request, "ce_source")).isEqualTo("urn:autoflow:orchestrator-service");

        job(id, "user-a").statusCode(200).body("status", is("queued")).body("workflow_type", is("document_analytics"));
        given().queryParam("user_id", "user-b").get("/executions/" + id).then().statusCode(404);
        given().queryParam("user_id", "user-a").get("/executions").then().statusCode(200)
                .body("find { it.job_id == '" + id + "' }.status", is("queued"));
    }

    @Test
    void anIntentRecordedByTwoReplicasAtOnceIsOneQueuedJobAndFailsNeither() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = UUID.randomUUID().toString();
            IntentParsed intent = documentIntent(id, "user-a");
            // Two consumers handed the same record (a partition moved mid-work), as two replicas would take it.
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> record(intent));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> record(intent));
            CompletableFuture.allOf(first, second).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            job(id, "user-a").statusCode(200).body("status", is("queued"));
        }
    }

    private void record(IntentParsed intent) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> intents.onIntent(intent));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aJobEndedWithoutAnAnnouncedStartStartedWhenItsEndingSays() {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, id, documentIntent(id, "user-a"));
        awaitStatus(id, "queued");
        Instant began = Instant.now().minusMillis(250).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        ExecutionEvent completed = ExecutionEvent.completed(id, EventJson.mapper().createObjectNode().put("rows", 1))
                .startedAt(began);
        kafka.send(Topics.EXECUTION_EVENTS, id, completed);
        awaitStatus(id, "completed");

        String startedAt = job(id, "user-a").body("status", is("completed")).extract().path("started_at");
        assertThat(Instant.parse(startedAt)).isEqualTo(began);
    }

    @Test
    void followsWorkerEventsToCompletionAndIgnoresDuplicatesAndLateEvents() {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, id, documentIntent(id, "user-a"));
        awaitStatus(id, "queued");

        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.started(id));
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.progress(id, 40, "parsing"));
        awaitStatus(id, "processing");
        job(id, "user-a").body("progress", is(40));
        // Live views hear of each stored change on job-updates.
        ConsumerRecord<String, String> update = kafka.awaitRecord(Topics.JOB_UPDATES,
                r -> id.equals(r.key()) && r.value().contains("\"progress\":40"), Duration.ofSeconds(10));
        assertThat(update.value()).contains("\"status\":\"processing\"", "\"userId\":\"user-a\"");
        assertThat(KafkaTestClient.header(update, "ce_type")).isEqualTo(JobUpdated.TYPE);

        JsonNode result = EventJson.mapper().createObjectNode().put("row_count", 3);
        ExecutionEvent completed = ExecutionEvent.completed(id, result);
        kafka.send(Topics.EXECUTION_EVENTS, id, completed);
        awaitStatus(id, "completed");
        kafka.awaitRecord(Topics.JOB_UPDATES, r -> id.equals(r.key()) && r.value().contains("\"status\":\"completed\""),
                Duration.ofSeconds(10));

        // Redelivered and late events change nothing.
        kafka.send(Topics.EXECUTION_EVENTS, id, completed);
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.started(id));
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.failed(id, ErrorInfo.of("late", "too late")));
        kafka.send(Topics.INTENTS, id, documentIntent(id, "user-a"));
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, marker, documentIntent(marker, "user-a"));
        awaitStatus(marker, "queued");

        given().queryParam("user_id", "user-a").get("/executions/usage").then().statusCode(200)
                .body("find { it.day == '" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "' }.jobs",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().queryParam("user_id", "nobody").get("/executions/usage").then().statusCode(200)
                .body("size()", is(0));

        job(id, "user-a").body("status", is("completed"))
                .body("result.row_count", is(3))
                .body("error", nullValue())
                .body("duration_ms", notNullValue())
                .body("completed_at", notNullValue());
    }

    @Test
    void anApiAutomationGoesToTheAutomationServiceAndItsAnswerToTheEmailItAsksFor() throws Exception {
        String id = UUID.randomUUID().toString();
        // Whatever ids the parameters claim, the authenticated envelope's win.
        RunAutomation params = new RunAutomation("other-job", "user-b", "enterprise", "GET api.example.com/rates",
                "GET", "https://api.example.com/rates", "automations/user-a/" + id + "/request.json",
                new AnalyzeDocument.Output(null, "email", "ana@example.com", null));
        kafka.send(Topics.INTENTS, id, new IntentParsed(id, "user-a", "free", Intents.API_AUTOMATION,
                EventJson.mapper().valueToTree(params), Instant.now()));

        ConsumerRecord<String, String> request = kafka.awaitRecord(Topics.WORKFLOW_API_AUTOMATION,
                r -> id.equals(r.key()), WAIT);
        RunAutomation sent = EventJson.mapper().readValue(request.value(), RunAutomation.class);
        assertThat(sent).isEqualTo(new RunAutomation(id, "user-a", "free", params.name(), "GET",
                "https://api.example.com/rates", params.requestKey(), params.output()));
        assertThat(KafkaTestClient.header(request, "ce_type")).isEqualTo(RunAutomation.TYPE);
        job(id, "user-a").body("workflow_type", is("api_automation"));

        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.completed(id, EventJson.mapper().createObjectNode()
                .put("status_code", 200)));
        NotificationRequested handover = EventJson.mapper().readValue(kafka.awaitRecord(Topics.NOTIFICATIONS,
                r -> r.key().equals(id), WAIT).value(), NotificationRequested.class);
        assertThat(handover.jobName()).isEqualTo("GET api.example.com/rates");
        assertThat(handover.workflowType()).isEqualTo("api_automation");
        assertThat(handover.target()).isEqualTo("ana@example.com");
    }

    @Test
    void aScheduleAndADataTransformGoToTheirServicesWithTheEnvelopesIds() throws Exception {
        String schedule = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, schedule, new IntentParsed(schedule, "user-a", "pro", Intents.SCHEDULE_TASK,
                EventJson.mapper().valueToTree(new ScheduleTask("x", "user-b", "enterprise", "0 9 * * MON",
                        "Europe/Paris", Intents.API_AUTOMATION, EventJson.mapper().createObjectNode(), "weekly")),
                Instant.now()));
        ScheduleTask scheduled = EventJson.mapper().readValue(kafka.awaitRecord(Topics.WORKFLOW_TASK_SCHEDULER,
                r -> schedule.equals(r.key()), WAIT).value(), ScheduleTask.class);
        assertThat(scheduled.executionId()).isEqualTo(schedule);
        assertThat(scheduled.userId()).isEqualTo("user-a");
        assertThat(scheduled.tier()).isEqualTo("pro");
        assertThat(scheduled.cronExpression()).isEqualTo("0 9 * * MON");

        // as a schedule's run asks for it: the document's web address, fetched when the job runs
        String transform = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, transform, new IntentParsed(transform, "user-a", "free", Intents.DATA_TRANSFORM,
                EventJson.mapper().valueToTree(new TransformData(null, null, null, "sales.csv", null, null, 0, "json",
                        null, "https://example.com/sales.csv")), Instant.now()));
        TransformData converting = EventJson.mapper().readValue(kafka.awaitRecord(Topics.WORKFLOW_DATA_TRANSFORM,
                r -> transform.equals(r.key()), WAIT).value(), TransformData.class);
        assertThat(converting.executionId()).isEqualTo(transform);
        assertThat(converting.userId()).isEqualTo("user-a");
        assertThat(converting.targetFormat()).isEqualTo("json");
        assertThat(converting.blobKey()).isNull();
        assertThat(converting.sourceUrl()).isEqualTo("https://example.com/sales.csv");
    }

    @Test
    void aMessageToSendIsDoneAtOnceAndHandedOverWithWhoAskedForIt() throws Exception {
        String id = UUID.randomUUID().toString();
        SendMessage message = new SendMessage("the backup finished", "the backup finished", "ana@example.com",
                new AnalyzeDocument.Output(null, "email", "ops@example.com", null));
        kafka.send(Topics.INTENTS, id, new IntentParsed(id, "user-a", "free", Intents.NOTIFICATION,
                EventJson.mapper().valueToTree(message), Instant.now()));

        NotificationRequested handover = EventJson.mapper().readValue(kafka.awaitRecord(Topics.NOTIFICATIONS,
                r -> r.key().equals(id), WAIT).value(), NotificationRequested.class);
        assertThat(handover.workflowType()).isEqualTo("notification");
        assertThat(handover.target()).isEqualTo("ops@example.com");
        assertThat(handover.jobName()).isEqualTo("the backup finished");
        assertThat(handover.result().path("message").asText()).isEqualTo("the backup finished");
        assertThat(handover.result().path("requested_by").asText()).isEqualTo("ana@example.com");
        job(id, "user-a").body("status", is("completed")).body("delivery_status", is("requested"));
    }

    @Test
    void failsAJobWhoseIntentNoWorkflowHandles() {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, id, new IntentParsed(id, "user-a", "free", "make_coffee",
                EventJson.mapper().createObjectNode(), Instant.now()));

        awaitStatus(id, "failed");
        job(id, "user-a").body("error.code", is("unknown_intent"));
    }

    @Test
    void deadLettersAnUnreadableRecordAndKeepsConsuming() {
        kafka.sendBytes(Topics.INTENTS, "poison", "{not json".getBytes(StandardCharsets.UTF_8));
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, id, documentIntent(id, "user-a"));

        awaitStatus(id, "queued");
        ConsumerRecord<String, String> dead = kafka.awaitRecord(Topics.dlq(Topics.INTENTS),
                r -> "poison".equals(r.key()), WAIT);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).isNotBlank();
    }

    @Test
    void aFinishedJobThatAsksForAnEmailIsHandedToNotificationAndFollowsItsDelivery() throws Exception {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, id, documentIntent(id, "user-a",
                new AnalyzeDocument.Output("pdf", "email", "ana@example.com", null)));
        awaitStatus(id, "queued");
        JsonNode result = EventJson.mapper().readTree("{\"report\":{\"key\":\"reports/user-a/" + id
                + "/report.pdf\"}}");
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.completed(id, result));

        ConsumerRecord<String, String> handover = kafka.awaitRecord(Topics.NOTIFICATIONS,
                r -> r.key().equals(id), WAIT);
        NotificationRequested request = EventJson.mapper().readValue(handover.value(), NotificationRequested.class);
        assertThat(request.notificationId()).isEqualTo(id + ".email");
        assertThat(request.target()).isEqualTo("ana@example.com");
        assertThat(request.userId()).isEqualTo("user-a");
        assertThat(request.jobName()).isEqualTo("sales.csv");
        assertThat(request.result().path("report").path("key").asText()).endsWith("/report.pdf");
        job(id, "user-a").body("delivery_status", is("requested"));

        kafka.send(Topics.DELIVERY_EVENTS, id, new DeliveryEvent(request.notificationId(), id, "email",
                "ana@example.com", DeliveryEvent.Status.RETRYING, 1, 421, ErrorInfo.of("smtp_unavailable", "busy"),
                Instant.now().plusSeconds(5), Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> job(id, "user-a").body("delivery_status", is("retrying"))
                .body("delivery.error.code", is("smtp_unavailable")));
        kafka.send(Topics.DELIVERY_EVENTS, id, new DeliveryEvent(request.notificationId(), id, "email",
                "ana@example.com", DeliveryEvent.Status.DELIVERED, 2, 250, null, null, Instant.now()));
        // A late report of an earlier attempt does not undo the delivery.
        kafka.send(Topics.DELIVERY_EVENTS, id, new DeliveryEvent(request.notificationId(), id, "email",
                "ana@example.com", DeliveryEvent.Status.RETRYING, 1, 421, null, null, Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> job(id, "user-a").body("delivery_status", is("delivered"))
                .body("delivery.attempts", is(2)));
        Thread.sleep(500);
        job(id, "user-a").body("delivery_status", is("delivered"));
        kafka.awaitRecord(Topics.JOB_UPDATES, r -> id.equals(r.key())
                && r.value().contains("\"deliveryStatus\":\"delivered\""), WAIT);
    }

    @Test
    void aJobSilentPastItsTiersTimeIsSentAgainThenFailsWithWorkerLostAndALateResultChangesNothing() throws Exception {
        String id = UUID.randomUUID().toString();
        IntentParsed brief = documentIntent(id, "user-a", new AnalyzeDocument.Output("pdf", "email", "a@b.io", null));
        kafka.send(Topics.INTENTS, id, new IntentParsed(id, "user-a", "brief", brief.intent(), brief.parameters(),
                brief.occurredAt())); // the test tier "brief" allows 1 s
        awaitStatus(id, "queued");
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.started(id));

        // Its worker says nothing more: the request is sent twice more, then the job fails.
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        kafka.awaitRecord(Topics.WORKFLOW_DOCUMENT_ANALYTICS, r -> id.equals(r.key()) && sent.incrementAndGet() == 3,
                WAIT);
        awaitStatus(id, "failed");
        job(id, "user-a").body("error.code", is("worker_lost")).body("error.details.attempts", is(3))
                .body("attempt", is(3));
        kafka.awaitRecord(Topics.NOTIFICATIONS, r -> r.key().equals(id) && r.value().contains("worker_lost"),
                WAIT);
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.completed(id, (JobResult) null));
        Thread.sleep(500);
        job(id, "user-a").body("status", is("failed"));
    }

    @Test
    void aJobWhoseOutcomeWasLostIsSentAgainAndCompletesWithItsWorkersStoredOutcome() throws Exception {
        String id = UUID.randomUUID().toString();
        IntentParsed brief = documentIntent(id, "user-a");
        kafka.send(Topics.INTENTS, id, new IntentParsed(id, "user-a", "brief", brief.intent(), brief.parameters(),
                brief.occurredAt()));
        awaitStatus(id, "queued");
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.started(id));
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        kafka.awaitRecord(Topics.WORKFLOW_DOCUMENT_ANALYTICS, r -> id.equals(r.key()) && sent.incrementAndGet() == 2,
                WAIT);

        // The worker answers the request sent again with the outcome it had stored (its first announcement lost).
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.completed(id, EventJson.mapper().createObjectNode()
                .put("table_count", 1)));
        awaitStatus(id, "completed");
        job(id, "user-a").body("attempt", is(greaterThanOrEqualTo(2))).body("result.table_count", is(1));
    }

    @Test
    void aJobNoWorkerTakesUpIsSentAgainThenFailsWithWorkerLost() {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, id, documentIntent(id, "user-a")); // nobody takes it up within the queue wait
        awaitStatus(id, "failed");
        job(id, "user-a").body("error.code", is("worker_lost"))
                .body("error.message", is("No worker took the job up in 3 attempts"));
    }

    @Test
    void aDownloadedJobIsNotHandedOver() {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, id, documentIntent(id, "user-a"));
        awaitStatus(id, "queued"); // events of a job the orchestrator has not recorded yet are ignored
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.completed(id, (JobResult) null));
        awaitStatus(id, "completed");
        job(id, "user-a").body("delivery_status", nullValue());
    }

    @Test
    void aUsersJobsComePageByPageNewestFirst() {
        String user = "pager-" + UUID.randomUUID();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(0, id); // newest first
            kafka.send(Topics.INTENTS, id, documentIntent(id, user));
            await().atMost(WAIT).untilAsserted(() -> job(id, user).statusCode(200));
        }
        List<String> first = given().queryParam("user_id", user).queryParam("limit", 2).get("/executions").then()
                .statusCode(200).extract().jsonPath().getList("job_id");
        List<String> second = given().queryParam("user_id", user).queryParam("limit", 2).queryParam("page", 1)
                .get("/executions").then().statusCode(200).extract().jsonPath().getList("job_id");
        assertThat(first).containsExactly(ids.get(0), ids.get(1));
        assertThat(second).containsExactly(ids.get(2));

        // The jobs the gateway lists, by id; another user's and ids that are none are not found.
        List<String> named = given().queryParam("user_id", user).queryParam("job_id", ids.get(2), ids.get(0),
                UUID.randomUUID().toString(), "not-an-id").get("/executions").then().statusCode(200).extract()
                .jsonPath().getList("job_id");
        assertThat(named).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        assertThat(given().queryParam("user_id", "someone-else").queryParam("job_id", ids.get(0)).get("/executions")
                .then().statusCode(200).extract().jsonPath().getList("job_id")).isEmpty();
    }

    private static IntentParsed documentIntent(String id, String user) {
        return documentIntent(id, user, new AnalyzeDocument.Output("pdf", "download", null, null));
    }

    private static IntentParsed documentIntent(String id, String user, AnalyzeDocument.Output output) {
        AnalyzeDocument params = new AnalyzeDocument(null, null, null, "uploads/" + user + "/" + id + "/document",
                "sales.csv", "text/csv", 120, List.of("statistical"), output, null);
        return new IntentParsed(id, user, "free", Intents.DOCUMENT_ANALYTICS, EventJson.mapper().valueToTree(params),
                Instant.now());
    }

    private static ValidatableResponse job(String id, String user) {
        return given().queryParam("user_id", user).get("/executions/" + id).then();
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(WAIT).untilAsserted(() -> job(id, "user-a").statusCode(200).body("status", is(status)));
    }
}
