package io.autoflow.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.Topics;
import io.autoflow.scheduler.store.TaskStore;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules crossing New York's daylight-saving changes fire at the instants docs/schedules.md defines, with the
 * scheduler's clock walked through the days in ten-minute steps: real PostgreSQL, real Kafka, the real firing.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class DaylightSavingFiringTest {

    private static final String NEW_YORK = "America/New_York";
    private static final Duration STEP = Duration.ofMinutes(10);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    MovableClock clock;

    @Inject
    Firing firing;

    @Inject
    AgroalDataSource db;

    @AfterEach
    void releaseTheClock() {
        clock.release();
    }

    @Test
    void aDailyRunInTheSpringGapRunsOnceAtTheChange() throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        Instant start = Instant.parse("2027-03-12T12:00:00Z");
        clock.set(start);
        String id = schedule(kafka, "30 2 * * *");
        JsonNode view = awaitSetUp(kafka, id);
        // 2027-03-14 02:30 does not exist in New York: 02:00 EST became 03:00 EDT
        assertThat(view.path("next_runs").toString()).isEqualTo(
                "[\"2027-03-13T02:30:00-05:00\",\"2027-03-14T03:00:00-04:00\",\"2027-03-15T02:30:00-04:00\"]");

        walk(start, Instant.parse("2027-03-16T12:00:00Z"));

        List<Instant> expected = List.of(Instant.parse("2027-03-13T07:30:00Z"), Instant.parse("2027-03-14T07:00:00Z"),
                Instant.parse("2027-03-15T06:30:00Z"), Instant.parse("2027-03-16T06:30:00Z"));
        assertThat(runsOf(id)).isEqualTo(expected);
        ConsumerRecord<String, String> gapRun = kafka.awaitRecord(Topics.INTENTS,
                r -> r.key().equals(TaskStore.runId(id, expected.get(1))), WAIT);
        assertThat(EventJson.mapper().readValue(gapRun.value(), IntentParsed.class).intent())
                .isEqualTo(Intents.NOTIFICATION);
        assertThat(missed(id)).isZero();
    }

    @Test
    void aRunInTheRepeatedAutumnHourRunsOnceAndAnHourlyOneKeepsItsPace() throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        Instant start = Instant.parse("2027-11-06T00:00:00Z");
        clock.set(start);
        String daily = schedule(kafka, "30 1 * * *");
        String hourly = schedule(kafka, "30 * * * *");
        awaitSetUp(kafka, daily);
        awaitSetUp(kafka, hourly);

        walk(start, Instant.parse("2027-11-08T12:00:00Z"));

        // 2027-11-07 01:30 happens twice (EDT 05:30Z, EST 06:30Z): the daily run is at the first only
        assertThat(runsOf(daily)).containsExactly(Instant.parse("2027-11-06T05:30:00Z"),
                Instant.parse("2027-11-07T05:30:00Z"), Instant.parse("2027-11-08T06:30:00Z"));
        // the hourly one runs every real hour, both 01:30s included: 60 hours walked, 60 runs, none twice
        List<Instant> hours = runsOf(hourly);
        assertThat(hours).hasSize(60).doesNotHaveDuplicates();
        for (int i = 1; i < hours.size(); i++) {
            assertThat(Duration.between(hours.get(i - 1), hours.get(i))).isEqualTo(Duration.ofHours(1));
        }
        assertThat(hours).contains(Instant.parse("2027-11-07T05:30:00Z"), Instant.parse("2027-11-07T06:30:00Z"));
    }

    /** Moves the scheduler's clock from {@code from} to {@code to}, firing what is due at each step. */
    private void walk(Instant from, Instant to) {
        for (Instant at = from; !at.isAfter(to); at = at.plus(STEP)) {
            clock.set(at);
            firing.fireDue();
        }
    }

    private static String schedule(KafkaTestClient kafka, String cron) {
        String id = UUID.randomUUID().toString();
        JsonNode reminder = EventJson.mapper().createObjectNode().put("name", "Water the plants")
                .put("message", "Water the plants");
        kafka.send(Topics.WORKFLOW_TASK_SCHEDULER, id, new ScheduleTask(id, "user-" + UUID.randomUUID(), "enterprise",
                cron, NEW_YORK, Intents.NOTIFICATION, reminder, "Reminder: water the plants"));
        return id;
    }

    private static JsonNode awaitSetUp(KafkaTestClient kafka, String id) throws Exception {
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.EXECUTION_EVENTS, r -> id.equals(r.key())
                && (r.value().contains("COMPLETED") || r.value().contains("FAILED")), WAIT);
        ExecutionEvent event = EventJson.mapper().readValue(record.value(), ExecutionEvent.class);
        assertThat(event.status()).as(record.value()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        return event.result();
    }

    private List<Instant> runsOf(String id) throws Exception {
        List<Instant> runs = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT scheduled_for FROM scheduled_runs WHERE task_id = ?::uuid ORDER BY scheduled_for")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    runs.add(rows.getTimestamp(1).toInstant());
                }
            }
        }
        return runs;
    }

    private int missed(String id) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT missed FROM scheduled_tasks WHERE id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
