package io.autoflow.scheduler;

import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.agroal.api.AgroalDataSource;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.Topics;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.events.workflow.WorkflowSchedule;
import io.autoflow.events.workflow.WorkflowTrigger;
import io.autoflow.scheduler.service.Schedules;
import io.autoflow.scheduler.store.ScheduledTask;
import io.autoflow.scheduler.store.TaskStore;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workflow's schedule as the orchestrator tells it ({@code workflow-schedules}): kept as its latest word, fired as
 * {@code workflow_run} intents of the revision it names, stopped when the workflow is disabled or deleted, and not
 * one of the user's own schedules ({@code /schedules}).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class WorkflowSchedulesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    AgroalDataSource db;

    @Inject
    TaskStore store;

    private KafkaTestClient kafka;
    private String user;
    private String workflow;
    private String taskId;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        user = "user-" + UUID.randomUUID();
        workflow = UUID.randomUUID().toString();
        taskId = Schedules.workflowTaskId(workflow);
    }

    @Test
    void aWorkflowsScheduleFiresRunsOfItsRevisionUntilItIsStopped() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MICROS);
        tell(true, "0 8 * * 1", 1, t0);
        ScheduledTask kept = awaitTask(task -> task.status().equals(ScheduledTask.ACTIVE));
        assertThat(kept.taskIntent()).isEqualTo(Intents.WORKFLOW_RUN);
        assertThat(kept.timeZone()).isEqualTo("Europe/Paris");
        given().queryParam("user_id", user).get("/schedules").then().statusCode(200).body("size()", is(0));
        given().queryParam("user_id", user).get("/schedules/" + taskId).then().statusCode(404);

        // A new revision with the same expression keeps its next run (one no expression computes, to tell);
        // an older word, with another expression, changes nothing.
        Instant marked = Instant.parse("2031-01-06T07:00:00Z");
        setNextRun(marked);
        tell(true, "0 8 * * 1", 2, t0.plusSeconds(1));
        assertThat(awaitTask(task -> task.taskParameters().path("revision").asInt() == 2).nextRunAt())
                .isEqualTo(marked);
        tell(true, "0 9 * * 2", 1, t0.minusSeconds(5));
        tell(true, "0 8 * * 1", 3, t0.plusSeconds(2));
        ScheduledTask latest = awaitTask(task -> task.taskParameters().path("revision").asInt() == 3);
        assertThat(latest.cron()).isEqualTo("0 8 * * 1");
        assertThat(latest.nextRunAt()).isEqualTo(marked);

        Instant due = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        setNextRun(due);
        ConsumerRecord<String, String> fired = kafka.awaitRecord(Topics.INTENTS,
                r -> r.key().equals(TaskStore.runId(taskId, due)), WAIT);
        IntentParsed intent = EventJson.read(fired.value(), IntentParsed.class);
        assertThat(intent.intent()).isEqualTo(Intents.WORKFLOW_RUN);
        assertThat(intent.userId()).isEqualTo(user);
        assertThat(intent.tier()).isEqualTo("pro");
        RunWorkflow run = EventJson.mapper().treeToValue(intent.parameters(), RunWorkflow.class);
        assertThat(run.workflowId()).isEqualTo(workflow);
        assertThat(run.revision()).isEqualTo(3);
        assertThat(run.trigger()).isEqualTo(WorkflowTrigger.SCHEDULE);
        assertThat(run.ownerEmail()).isEqualTo("owner@example.com");
        assertThat(run.name()).isEqualTo("Monday sales");

        // Disabled (or deleted): stopped, nothing due any more.
        tell(false, null, 3, t0.plusSeconds(3));
        ScheduledTask stopped = awaitTask(task -> task.status().equals(ScheduledTask.CANCELLED));
        assertThat(stopped.nextRunAt()).isNull();
        // Enabled again: it runs from the next time due, not the times it missed.
        tell(true, "0 8 * * 1", 3, t0.plusSeconds(4));
        assertThat(awaitTask(task -> task.status().equals(ScheduledTask.ACTIVE)).nextRunAt()).isAfter(Instant.now());
    }

    @Test
    void aStopForAWorkflowNeverScheduledMakesNothing() throws Exception {
        tell(false, null, 1, Instant.now().truncatedTo(ChronoUnit.MICROS));
        String marker = UUID.randomUUID().toString();
        String markerTask = Schedules.workflowTaskId(marker);
        kafka.send(Topics.WORKFLOW_SCHEDULES, marker, new WorkflowSchedule(marker, user, "pro", "m", true,
                "0 8 * * 1", "UTC", 1, null, Instant.now()));
        // Words of one consumer are handled in order per partition; once a later one is kept, wait a little more.
        await().atMost(WAIT).until(() -> store.find(markerTask).isPresent());
        assertThat(store.find(taskId)).isEmpty();
    }

    private void tell(boolean active, String cron, int revision, Instant changedAt) {
        kafka.send(Topics.WORKFLOW_SCHEDULES, workflow, new WorkflowSchedule(workflow, user, "pro", "Monday sales",
                active, cron, "Europe/Paris", revision, "owner@example.com", changedAt));
    }

    private ScheduledTask awaitTask(java.util.function.Predicate<ScheduledTask> state) {
        return await().atMost(WAIT).until(() -> store.find(taskId).orElse(null), task -> task != null
                && state.test(task));
    }

    private void setNextRun(Instant at) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE scheduled_tasks SET next_run_at = ? WHERE id = ?::uuid")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, taskId);
            s.executeUpdate();
        }
    }
}
