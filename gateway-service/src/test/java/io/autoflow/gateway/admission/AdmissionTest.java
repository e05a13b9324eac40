package io.autoflow.gateway.admission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.autoflow.events.Topics;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Work is accepted only when it can run: with no analytics worker in its consumer group, or one far behind, a
 * document is refused with 503 and Retry-After before anything is stored; with the workers there, it is accepted.
 * Workers that may sleep at zero replicas (here transform, as KEDA lets it on Kubernetes) are judged by their backlog
 * alone: a conversion is accepted while none runs, and refused once too many wait. A workflow's webhook needs the
 * orchestrator alone.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestProfile(AdmissionTest.AdmissionOn.class)
class AdmissionTest {

    public static class AdmissionOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Profile-specific, or application.properties' "%test" value (off) would win.
            return Map.of("%test.autoflow.admission.enabled", "true", "autoflow.admission.check-every", "1s",
                    "autoflow.admission.max-backlog", "3", "autoflow.admission.scale-to-zero-groups", "transform");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "autoflow.blob.dir")
    Path blobDir;

    @Inject
    ApiKeys apiKeys;

    @Test
    void aDocumentIsRefusedWhileNoWorkerCanAnalyseItAndAcceptedOnceOneIs() throws Throwable {
        // Polling uploads for a minute would pass the free tier's requests per day (429): the limit is not tested here.
        TestUsers user = TestUsers.create(apiKeys, "enterprise");
        try (GroupMember orchestrator = new GroupMember("orchestrator", Topics.INTENTS, true)) {
            soon().untilAsserted(() -> upload(user.key()).then().statusCode(503)
                    .header("Retry-After", "30").body("code", is("service_unavailable"))
                    .body("message", is("Document analysis is not running right now, so nothing was accepted;"
                            + " try again in a minute")));
            assertThat(blobDir.resolve("uploads").resolve(user.user().id.toString())).doesNotExist();

            try (GroupMember analytics = new GroupMember("analytics", Topics.WORKFLOW_DOCUMENT_ANALYTICS)) {
                soon().untilAsserted(() -> upload(user.key()).then()
                        .statusCode(202));

                // Far behind: more requests wait for the workers than the backlog allows.
                KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
                for (int i = 0; i < 5; i++) {
                    kafka.sendBytes(Topics.WORKFLOW_DOCUMENT_ANALYTICS, UUID.randomUUID().toString(),
                            "{}".getBytes(StandardCharsets.UTF_8));
                }
                soon().untilAsserted(() -> upload(user.key()).then()
                        .statusCode(503).body("code", is("service_unavailable"))
                        .body("message", startsWith("Document analysis is 5 jobs behind")));
            }
        }
    }

    @Test
    void aWorkerThatMaySleepAtZeroIsJudgedByItsBacklogAlone() throws Throwable {
        TestUsers user = TestUsers.create(apiKeys, "enterprise");
        try (GroupMember orchestrator = new GroupMember("orchestrator", Topics.INTENTS, true)) {
            // No transform worker is running (asleep): the conversion is what would wake it.
            soon().untilAsserted(() -> convert(user.key()).then().statusCode(202));

            KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
            for (int i = 0; i < 5; i++) {
                kafka.sendBytes(Topics.WORKFLOW_DATA_TRANSFORM, UUID.randomUUID().toString(),
                        "{}".getBytes(StandardCharsets.UTF_8));
            }
            soon().untilAsserted(() -> convert(user.key()).then()
                    .statusCode(503).header("Retry-After", "30").body("code", is("service_unavailable"))
                    .body("message", startsWith("Data conversion is 5 jobs behind")));
        }
    }

    @Test
    void aWebhookIsRefusedWhileNoOrchestratorCanRunIt() {
        // Refused before its token is looked up or its body read: the run could not be driven.
        soon().untilAsserted(() -> given().contentType("application/json").body("{}").post("/hooks/" + "A".repeat(43))
                .then().statusCode(503).header("Retry-After", "30").body("code", is("service_unavailable"))
                .body("message", startsWith("Job handling is not running")));
    }

    private static ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500));
    }

    private static Response upload(String key) {
        return given().header("X-API-Key", key).multiPart("file", "sales.csv", "a,b\n1,2\n".getBytes(
                StandardCharsets.UTF_8), "text/csv").post("/api/analytics/document");
    }

    private static Response convert(String key) {
        return given().header("X-API-Key", key).multiPart("file", "cities.csv", "city,people\nOslo,709000\n"
                .getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("request", "{\"target_format\": \"json\"}", "application/json").post("/api/transforms");
    }

    /** A member of a workers' consumer group, polling as a running service does; it commits nothing. */
    private final class GroupMember implements AutoCloseable {

        private final Thread poller;

        /** A worker that takes nothing: what reaches its topic is its backlog. */
        GroupMember(String group, String topic) {
            this(group, topic, false);
        }

        /** With keepsUp, a worker that handles what it gets at once (commits it), so it is never behind. */
        GroupMember(String group, String topic, boolean keepsUp) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            poller = new Thread(() -> {
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                        new StringDeserializer())) {
                    consumer.subscribe(List.of(topic));
                    while (!Thread.currentThread().isInterrupted()) {
                        consumer.poll(Duration.ofMillis(100));
                        if (keepsUp) {
                            consumer.commitSync();
                        }
                    }
                } catch (org.apache.kafka.common.errors.InterruptException e) {
                    // closed
                }
            });
            poller.start();
        }

        @Override
        public void close() throws InterruptedException {
            poller.interrupt();
            poller.join(10_000);
        }
    }
}
