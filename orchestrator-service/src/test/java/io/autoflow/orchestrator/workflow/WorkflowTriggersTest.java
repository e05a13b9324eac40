package io.autoflow.orchestrator.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.EventJson;
import io.autoflow.events.Topics;
import io.autoflow.events.workflow.WorkflowSchedule;
import io.autoflow.testsupport.InternalRequests;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a workflow's trigger needs from the orchestrator: the scheduler told each change of a schedule (on
 * {@code workflow-schedules}, keyed by workflow, the owner's email and tier with it), the tier's shortest interval
 * checked at save, and a webhook trigger's secret URL and signing secret, looked up by the gateway.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class WorkflowTriggersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private String user;

    @BeforeEach
    void setUp() {
        user = "user-" + UUID.randomUUID();
    }

    @Test
    void eachChangeOfAScheduleIsToldToTheScheduler() throws IOException {
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        String id = InternalRequests.given().contentType("application/json").body(monday().toString())
                .post("/workflows/" + user + "?tier=pro&email=owner@example.com").then().statusCode(201)
                .extract().path("id");
        WorkflowSchedule saved = scheduleOf(kafka, id, 1, true);
        assertThat(saved.cron()).isEqualTo("0 8 * * 1");
        assertThat(saved.timeZone()).isEqualTo("Europe/Paris");
        assertThat(saved.userId()).isEqualTo(user);
        assertThat(saved.tier()).isEqualTo("pro");
        assertThat(saved.ownerEmail()).isEqualTo("owner@example.com");

        InternalRequests.given().contentType("application/json").body("{\"enabled\": false}")
                .put("/workflows/" + user + "/" + id + "/enabled").then().statusCode(200);
        WorkflowSchedule disabled = scheduleOf(kafka, id, 1, false);
        assertThat(disabled.changedAt()).isAfter(saved.changedAt());

        InternalRequests.given().contentType("application/json").body("{\"enabled\": true}")
                .put("/workflows/" + user + "/" + id + "/enabled").then().statusCode(200);
        ObjectNode every15 = monday();
        every15.with("trigger").put("cron", "*/15 * * * *");
        InternalRequests.given().contentType("application/json").body(every15.toString())
                .put("/workflows/" + user + "/" + id + "?tier=free&email=owner@example.com").then().statusCode(200);
        assertThat(scheduleOf(kafka, id, 2, true).cron()).isEqualTo("*/15 * * * *");

        InternalRequests.given().delete("/workflows/" + user + "/" + id).then().statusCode(204);
        assertThat(scheduleOf(kafka, id, 2, false).changedAt()).isAfter(saved.changedAt());
    }

    @Test
    void aScheduleCloserThanTheTierAllowsIsRefusedAtSave() throws IOException {
        ObjectNode everyMinute = monday();
        everyMinute.with("trigger").put("cron", "* * * * *");
        InternalRequests.given().contentType("application/json").body(everyMinute.toString())
                .post("/workflows/" + user + "?tier=free").then().statusCode(422)
                .body("code", is("schedule_too_frequent")).body("details.min_interval_seconds", is(900));
        InternalRequests.given().contentType("application/json").body(everyMinute.toString())
                .post("/workflows/" + user + "?tier=pro").then().statusCode(201);
    }

    @Test
    void aWebhookTriggerHasASecretUrlThatNamesItsWorkflowAndOwner() throws IOException {
        ObjectNode hooked = monday();
        hooked.set("trigger", JSON.createObjectNode().put("type", "webhook").put("verify_signature", true));
        var made = InternalRequests.given().contentType("application/json").body(hooked.toString())
                .post("/workflows/" + user + "?tier=pro&email=owner@example.com").then().statusCode(201)
                .body("webhook.url", matchesPattern("/hooks/[A-Za-z0-9_-]{43}"))
                .body("webhook.secret", matchesPattern("whsec_[A-Za-z0-9+/]{32}")).extract();
        String id = made.path("id");
        String url = made.path("webhook.url");
        String token = url.substring("/hooks/".length());

        InternalRequests.given().get("/workflow-hooks/" + token).then().statusCode(200)
                .body("workflow_id", is(id)).body("user_id", is(user)).body("revision", is(1))
                .body("enabled", is(true)).body("verify_signature", is(true))
                .body("secret", is((String) made.path("webhook.secret"))).body("owner_email", is("owner@example.com"))
                .body("steps", is(3));

        // A new revision keeps the URL; another trigger drops it, and the old URL names nothing.
        hooked.put("name", "Monday sales, v2");
        InternalRequests.given().contentType("application/json").body(hooked.toString())
                .put("/workflows/" + user + "/" + id + "?tier=pro").then().statusCode(200).body("webhook.url", is(url));
        InternalRequests.given().get("/workflow-hooks/" + token).then().statusCode(200).body("revision", is(2));
        InternalRequests.given().contentType("application/json").body(monday().toString())
                .put("/workflows/" + user + "/" + id + "?tier=pro").then().statusCode(200)
                .body("webhook", nullValue());
        InternalRequests.given().get("/workflow-hooks/" + token).then().statusCode(404)
                .body("code", is("workflow_not_found"));
        InternalRequests.given().get("/workflow-hooks/nosuchtoken").then().statusCode(404);
    }

    private static WorkflowSchedule scheduleOf(KafkaTestClient kafka, String workflowId, int revision,
            boolean active) {
        String value = kafka.awaitRecord(Topics.WORKFLOW_SCHEDULES, record -> {
            if (!workflowId.equals(record.key())) {
                return false;
            }
            WorkflowSchedule told = EventJson.read(record.value(), WorkflowSchedule.class);
            return told.revision() == revision && told.active() == active;
        }, Duration.ofSeconds(20)).value();
        return EventJson.read(value, WorkflowSchedule.class);
    }

    private static ObjectNode monday() throws IOException {
        try (InputStream in = WorkflowTriggersTest.class.getResourceAsStream("/monday-sales.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
