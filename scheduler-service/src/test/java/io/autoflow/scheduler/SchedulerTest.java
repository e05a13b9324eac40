package io.autoflow.scheduler;

import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.scheduler.service.Schedules;
import io.autoflow.scheduler.store.TaskStore;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler against a real Kafka broker and PostgreSQL. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SchedulerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource db;

    @Inject
    TaskStore store;

    @Inject
    Schedules schedules;

    private KafkaTestClient kafka;
    private String user;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        user = "user-" + UUID.randomUUID();
    }

    @Test
    void aScheduledApiCallIsSetUpAndEachDueRunStartsItsOwnJob() throws Exception {
        String id = schedule("enterprise", "0 9 * * MON", "Europe/Paris", Intents.API_AUTOMATION);

        ExecutionEvent set = awaitFinal(id);
        assertThat(set.status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        JsonNode view = set.result();
        assertThat(view.path("schedule_id").asText()).isEqualTo(id);
        assertThat(view.path("time_zone").asText()).isEqualTo("Europe/Paris");
        assertThat(view.path("next_runs")).hasSize(3);
        assertThat(view.path("next_runs").get(0).asText()).matches("\\d{4}-\\d\\d-\\d\\dT09:00:00\\+0[12]:00");
        assertThat(view.path("description").asText()).containsIgnoringCase("monday");

        Instant due = makeDue(id, Duration.ofSeconds(1));
        ConsumerRecord<String, String> run = kafka.awaitRecord(Topics.INTENTS,
                r -> r.key().equals(TaskStore.runId(id, due)), WAIT);
        IntentParsed intent = EventJson.mapper().readValue(run.value(), IntentParsed.class);
        assertThat(intent.userId()).isEqualTo(user);
        assertThat(intent.tier()).isEqualTo("enterprise");
        assertThat(intent.intent()).isEqualTo(Intents.API_AUTOMATION);
        assertThat(intent.parameters().path("url").asText()).isEqualTo("https://api.example.com/rates");
        assertThat(KafkaTestClient.header(run, "ce_source")).isEqualTo("urn:autoflow:scheduler-service");

        given().queryParam("user_id", user).get("/schedules/" + id).then().statusCode(200)
                .body("runs", is(1)).body("missed", is(0)).body("status", is("active"))
                .body("last_run_at", is(due.toString())).body("last_run_job_id", is(TaskStore.runId(id, due)));
        assertThat(nextRunAt(id)).isAfter(Instant.now());
    }

    @Test
    void replicasFiringAtOnceStartEachRunExactlyOnce() throws Exception {
        String id = schedule("enterprise", "* * * * *", "UTC", Intents.API_AUTOMATION);
        awaitFinal(id);
        Instant due = makeDue(id, Duration.ofSeconds(1));

        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> firing = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                firing.add(() -> store.fireDue(Instant.now(), 100, schedules::plan).size());
            }
            for (Future<Integer> ignored : replicas.invokeAll(firing)) {
                ignored.get();
            }
        } finally {
            replicas.shutdown();
        }

        assertThat(count("SELECT count(*) FROM scheduled_runs WHERE task_id = ?::uuid", id)).isEqualTo(1);
        assertThat(count("SELECT runs FROM scheduled_tasks WHERE id = ?::uuid", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM scheduled_runs WHERE execution_id = ?::uuid",
                TaskStore.runId(id, due))).isEqualTo(1);
    }

    @Test
    void runsMissedWhileTheSchedulerWasDownRunOnceAndAreCounted() throws Exception {
        String id = schedule("enterprise", "* * * * *", "UTC", Intents.API_AUTOMATION);
        awaitFinal(id);

        makeDue(id, Duration.ofMinutes(10));

        // One catch-up run for the ten missed minutes; the schedule keeps firing every minute afterwards, so a
        // minute boundary passing while the test looks may add exactly one regular run (never the missed ones). A
        // boundary passing between making it due and its firing (a busy machine) is one more minute missed.
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("user_id", user).get("/schedules/" + id).then()
                .body("runs", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.greaterThanOrEqualTo(1), org.hamcrest.Matchers.lessThanOrEqualTo(2)))
                .body("missed", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.greaterThanOrEqualTo(9), org.hamcrest.Matchers.lessThanOrEqualTo(11))));
        assertThat(count("""
                SELECT count(*) FROM scheduled_tasks t WHERE t.id = ?::uuid
                   AND t.runs = (SELECT count(*) FROM scheduled_runs r WHERE r.task_id = t.id)""", id)).isEqualTo(1);
        assertThat(nextRunAt(id)).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void whatCannotBeScheduledFailsWithAPreciseCode() throws Exception {
        assertThat(awaitFinal(schedule("pro", "every monday", "UTC", Intents.API_AUTOMATION)).error().code())
                .isEqualTo("invalid_cron");
        assertThat(awaitFinal(schedule("pro", "0 9 * * *", "Mars/Olympus", Intents.API_AUTOMATION)).error().code())
                .isEqualTo("invalid_time_zone");
        assertThat(awaitFinal(schedule("pro", "0 9 * * *", "UTC", "make_coffee")).error().code())
                .isEqualTo("unsupported_task");
        // An analysis or a conversion repeats only a document it can fetch again: one stored once would give the
        // same result every time.
        assertThat(awaitFinal(schedule("pro", "0 9 * * *", "UTC", Intents.DOCUMENT_ANALYTICS)).error().code())
                .isEqualTo("unsupported_task");
        ExecutionEvent storedOnce = awaitFinal(schedule("pro", "0 9 * * *", "UTC", Intents.DATA_TRANSFORM));
        assertThat(storedOnce.error().code()).isEqualTo("unsupported_task");
        assertThat(storedOnce.error().message()).startsWith("A scheduled conversion needs the document's web address");
        ExecutionEvent tooOften = awaitFinal(schedule("free", "*/5 * * * *", "UTC", Intents.API_AUTOMATION));
        assertThat(tooOften.error().code()).isEqualTo("schedule_too_frequent");
        assertThat(tooOften.error().details().path("min_interval_seconds").asInt()).isEqualTo(900);
        for (int i = 0; i < 5; i++) {
            assertThat(awaitFinal(schedule("free", "0 " + i + " * * *", "UTC", Intents.API_AUTOMATION)).status())
                    .isEqualTo(ExecutionEvent.Status.COMPLETED);
        }
        assertThat(awaitFinal(schedule("free", "0 6 * * *", "UTC", Intents.API_AUTOMATION)).error().code())
                .isEqualTo("schedule_limit_reached");
        // The same user on a larger tier: a reminder (a scheduled message) is accepted.
        assertThat(awaitFinal(schedule("pro", "0 9 * * *", "UTC", Intents.NOTIFICATION)).status())
                .isEqualTo(ExecutionEvent.Status.COMPLETED);
        JsonNode analysis = EventJson.mapper().createObjectNode().put("fileName", "sales.csv")
                .put("sourceUrl", "https://example.com/sales.csv");
        assertThat(awaitFinal(schedule("pro", "0 9 * * MON", "UTC", Intents.DOCUMENT_ANALYTICS, analysis)).status())
                .isEqualTo(ExecutionEvent.Status.COMPLETED);
        JsonNode conversion = EventJson.mapper().createObjectNode().put("fileName", "sales.csv")
                .put("targetFormat", "json").put("sourceUrl", "https://example.com/sales.csv");
        assertThat(awaitFinal(schedule("pro", "0 9 * * MON", "UTC", Intents.DATA_TRANSFORM, conversion)).status())
                .isEqualTo(ExecutionEvent.Status.COMPLETED);
    }

    @Test
    void theOwnerListsAndStopsASchedule() throws Exception {
        String id = schedule("enterprise", "*/2 * * * *", "UTC", Intents.API_AUTOMATION);
        awaitFinal(id);
        given().queryParam("user_id", user).get("/schedules").then().statusCode(200)
                .body("[0].schedule_id", is(id)).body("[0].status", is("active"));
        given().queryParam("user_id", "someone-else").delete("/schedules/" + id).then().statusCode(404);
        given().queryParam("user_id", "someone-else").get("/schedules/" + id).then().statusCode(404);

        given().queryParam("user_id", user).delete("/schedules/" + id).then().statusCode(200)
                .body("status", is("cancelled")).body("next_runs.size()", is(0));
        makeDue(id, Duration.ofSeconds(1)); // even with a time that has come, a stopped schedule does not run
        Thread.sleep(1000);
        assertThat(count("SELECT count(*) FROM scheduled_runs WHERE task_id = ?::uuid", id)).isZero();
    }

    @Test
    void aDeletedUsersSchedulesAreErased() throws Exception {
        String id = schedule("enterprise", "0 9 * * *", "UTC", Intents.API_AUTOMATION);
        awaitFinal(id);

        kafka.send(Topics.USER_EVENTS, user, new UserDeleted(user, Instant.now()));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM scheduled_tasks WHERE id = ?::uuid", id) == 0);
    }

    private String schedule(String tier, String cron, String zone, String intent) {
        return schedule(tier, cron, zone, intent, EventJson.mapper().createObjectNode()
                .put("name", "GET api.example.com/rates").put("method", "GET").put("url", "https://api.example.com/rates"));
    }

    private String schedule(String tier, String cron, String zone, String intent, JsonNode task) {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_TASK_SCHEDULER, id, new ScheduleTask(id, user, tier, cron, zone, intent, task,
                "GET api.example.com/rates"));
        return id;
    }

    private ExecutionEvent awaitFinal(String id) throws Exception {
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.EXECUTION_EVENTS, r -> id.equals(r.key())
                && (r.value().contains("COMPLETED") || r.value().contains("FAILED")), WAIT);
        return EventJson.mapper().readValue(record.value(), ExecutionEvent.class);
    }

    /** Moves the schedule's next run into the past, as if that time had come; returns the new time. */
    private Instant makeDue(String id, Duration ago) throws Exception {
        Instant due = Instant.now().minus(ago).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE scheduled_tasks SET next_run_at = ? WHERE id = ?::uuid")) {
            s.setTimestamp(1, Timestamp.from(due));
            s.setString(2, id);
            s.executeUpdate();
        }
        return due;
    }

    private Instant nextRunAt(String id) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT next_run_at FROM scheduled_tasks WHERE id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getTimestamp(1).toInstant();
            }
        }
    }

    private long count(String sql, String id) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
