package io.autoflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.Topics;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.domain.User;
import io.autoflow.gateway.service.JobOutbox;
import io.autoflow.service.tracing.TraceParents;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request's W3C trace goes on in the intent it makes, whether the intent is published at once or by the sweeper. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class TracePropagationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    JobOutbox outbox;

    private KafkaTestClient kafka;
    private String key;
    private User user;

    @BeforeEach
    void setUp() throws Throwable {
        kafka = new KafkaTestClient(bootstrapServers);
        TestUsers created = TestUsers.create(apiKeys, "free");
        key = created.key();
        user = created.user();
    }

    @Test
    void aRequestsTraceparentIsContinuedByItsIntentAndKeptWithTheJob() throws Throwable {
        String traceId = randomHex(32);
        String callerSpan = randomHex(16);

        String jobId = given().header("X-API-Key", key).header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .multiPart("file", "a.csv", "a,b\n1,2\n".getBytes(), "text/csv")
                .post("/api/analytics/document")
                .then().statusCode(202).extract().path("job_id");

        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), WAIT);
        String sent = KafkaTestClient.header(record, "traceparent");
        assertThat(TraceParents.traceId(sent)).isEqualTo(traceId);
        assertThat(sent).as("a span of ours, under the caller's").doesNotContain(callerSpan);
        Job job = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> Job.<Job>findById(UUID.fromString(jobId))));
        assertThat(TraceParents.traceId(job.traceParent)).isEqualTo(traceId);
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceOfItsOwn() {
        String jobId = given().header("X-API-Key", key)
                .multiPart("file", "a.csv", "a,b\n1,2\n".getBytes(), "text/csv")
                .post("/api/analytics/document")
                .then().statusCode(202).extract().path("job_id");

        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), WAIT);
        assertThat(TraceParents.traceId(KafkaTestClient.header(record, "traceparent"))).isNotNull();
    }

    @Test
    void theOutboxSweeperPublishesAnIntentInTheTraceOfTheRequestThatMadeIt() throws Throwable {
        String traceId = randomHex(32);
        UUID jobId = UUID.randomUUID();
        Job job = new Job();
        job.id = jobId;
        job.userId = user.id;
        job.workflowType = Intents.DOCUMENT_ANALYTICS;
        job.createdAt = Instant.now().minusSeconds(60);
        job.traceParent = "00-" + traceId + "-" + randomHex(16) + "-01";
        job.intent = EventJson.write(new IntentParsed(jobId.toString(), user.id.toString(), "free",
                Intents.DOCUMENT_ANALYTICS, EventJson.mapper().createObjectNode(), job.createdAt));
        VertxContextSupport.subscribeAndAwait(() -> outbox.record(job));

        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.INTENTS,
                r -> jobId.toString().equals(r.key()), WAIT);
        assertThat(TraceParents.traceId(KafkaTestClient.header(record, "traceparent"))).isEqualTo(traceId);
    }

    private static String randomHex(int length) {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, length);
    }
}
