package io.autoflow.orchestrator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.Topics;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
    void followsWorkerEventsToCompletionAndIgnoresDuplicatesAndLateEvents() {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, id, documentIntent(id, "user-a"));
        awaitStatus(id, "queued");

        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.started(id));
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.progress(id, 40, "parsing"));
        awaitStatus(id, "processing");
        job(id, "user-a").body("progress", is(40));

        JsonNode result = EventJson.mapper().createObjectNode().put("row_count", 3);
        ExecutionEvent completed = ExecutionEvent.completed(id, result);
        kafka.send(Topics.EXECUTION_EVENTS, id, completed);
        awaitStatus(id, "completed");

        // Redelivered and late events change nothing.
        kafka.send(Topics.EXECUTION_EVENTS, id, completed);
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.started(id));
        kafka.send(Topics.EXECUTION_EVENTS, id, ExecutionEvent.failed(id, ErrorInfo.of("late", "too late")));
        kafka.send(Topics.INTENTS, id, documentIntent(id, "user-a"));
        String marker = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, marker, documentIntent(marker, "user-a"));
        awaitStatus(marker, "queued");

        job(id, "user-a").body("status", is("completed"))
                .body("result.row_count", is(3))
                .body("error", nullValue())
                .body("duration_ms", notNullValue())
                .body("completed_at", notNullValue());
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

    private static IntentParsed documentIntent(String id, String user) {
        AnalyzeDocument params = new AnalyzeDocument(null, null, null, "uploads/" + user + "/" + id + "/document",
                "sales.csv", "text/csv", 120, List.of("statistical"), new AnalyzeDocument.Output("pdf", "download",
                        null, null));
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
