package io.autoflow.automation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.autoflow.automation.domain.AutomationRun;
import io.autoflow.automation.messaging.ApiAutomationConsumer;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.AutomationRequest;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The automation service against a real API server (WireMock) and a real Kafka broker. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ApiAutomationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String USER = "user-a";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BlobStore blobs;

    @Inject
    ApiAutomationConsumer consumer;

    private KafkaTestClient kafka;
    private WireMockServer api;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
    }

    @AfterEach
    void tearDown() {
        api.stop();
    }

    @Test
    void callsTheApiWithItsSecretHeadersKeepsTheAnswerAndDoesNotCallAgainOnRedelivery() throws Exception {
        api.stubFor(post(urlEqualTo("/v1/rates?base=EUR")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody("{\"USD\":1.08}")));
        String id = UUID.randomUUID().toString();
        String requestKey = storeRequest(id, new AutomationRequest(Map.of("Authorization", "Bearer s3cret",
                "Host", "evil.example"), EventJson.mapper().readTree("{\"symbols\":[\"USD\"]}")));
        RunAutomation request = request(id, "POST", "/v1/rates?base=EUR", requestKey);

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request);
        ExecutionEvent completed = awaitFinal(id);

        assertThat(completed.status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        // A quick call announces only its ending, which says when the call began.
        assertThat(completed.startedAt()).isNotNull().isBeforeOrEqualTo(completed.occurredAt());
        JsonNode result = completed.result();
        assertThat(result.path("status_code").asInt()).isEqualTo(201);
        assertThat(result.path("content_type").asText()).isEqualTo("application/json");
        assertThat(result.path("preview").asText()).isEqualTo("{\"USD\":1.08}");
        assertThat(result.path("body").path("USD").asDouble()).isEqualTo(1.08); // small JSON, carried as JSON
        assertThat(result.path("narrative").path("text").asText()).contains("POST", "answered 201");
        String key = result.path("response").path("key").asText();
        assertThat(key).isEqualTo("automations/" + USER + "/" + id + "/response.json");
        try (InputStream stored = blobs.open(key).orElseThrow()) {
            assertThat(new String(stored.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"USD\":1.08}");
        }
        api.verify(1, postRequestedFor(urlEqualTo("/v1/rates?base=EUR"))
                .withHeader("Authorization", equalTo("Bearer s3cret"))
                .withHeader("Host", equalTo("localhost:" + api.port()))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"symbols\":[\"USD\"]}")));

        // Kafka delivers the request again: the stored outcome is announced, the API is not called twice.
        String eventId = completed.eventId();
        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request);
        ConsumerRecord<String, String> again = kafka.awaitRecord(Topics.EXECUTION_EVENTS, r -> id.equals(r.key())
                && r.value().contains("COMPLETED") && !r.value().contains(eventId), WAIT);
        ExecutionEvent repeated = EventJson.mapper().readValue(again.value(), ExecutionEvent.class);
        assertThat(repeated.result()).isEqualTo(result);
        // Said again when the call began too (when its run was taken up): its start was never announced.
        assertThat(repeated.startedAt()).isNotNull().isBeforeOrEqualTo(completed.startedAt());
        api.verify(1, postRequestedFor(urlEqualTo("/v1/rates?base=EUR")));
    }

    @Test
    void anAnswerHoldingNulBytesCompletesTheJobWithAReadablePreview() throws Exception {
        api.stubFor(get(urlEqualTo("/v1/raw")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("id\u0000name")));
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request(id, "GET", "/v1/raw", null));

        ExecutionEvent completed = awaitFinal(id);

        assertThat(completed.status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        assertThat(completed.result().path("preview").asText()).isEqualTo("id\uFFFDname");
    }

    @Test
    void aJsonAnswerTooLargeToCarryWholeIsLeftToItsFileNotCut() throws Exception {
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append('}');
        }
        api.stubFor(get(urlEqualTo("/v1/rows")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(rows.append(']').toString())));
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request(id, "GET", "/v1/rows", null));

        ExecutionEvent completed = awaitFinal(id);

        assertThat(completed.status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        // 60 rows: more than an event carries in one list, so none rather than the first 50.
        assertThat(completed.result().has("body")).isFalse();
        assertThat(completed.result().path("size_bytes").asLong()).isEqualTo(rows.length());
    }

    @Test
    void aBusyApiIsAskedAgainUntilItAnswers() throws Exception {
        api.stubFor(get(urlEqualTo("/status")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        api.stubFor(get(urlEqualTo("/status")).inScenario("busy").whenScenarioStateIs("up")
                .willReturn(aResponse().withHeader("Content-Type", "text/plain").withBody("all good")));
        String id = UUID.randomUUID().toString();

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request(id, "GET", "/status", null));
        ExecutionEvent done = awaitFinal(id);

        assertThat(done.status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        assertThat(done.result().path("attempts").asInt()).isEqualTo(2);
        assertThat(done.result().path("response").path("key").asText()).endsWith("/response.txt");
        api.verify(2, getRequestedFor(urlEqualTo("/status")));
    }

    @Test
    void aServerErrorToACallThatChangesSomethingIsNotRepeatedAndFailsTheJobWithTheAnswer() throws Exception {
        api.stubFor(post(urlEqualTo("/orders")).willReturn(aResponse().withStatus(500).withBody("database down")));
        String id = UUID.randomUUID().toString();

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request(id, "POST", "/orders", null));
        ExecutionEvent failed = awaitFinal(id);

        assertThat(failed.status()).isEqualTo(ExecutionEvent.Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("api_error");
        assertThat(failed.error().message()).contains("500");
        assertThat(failed.error().details().path("body").asText()).isEqualTo("database down");
        api.verify(1, postRequestedFor(urlEqualTo("/orders")));
    }

    @Test
    void aRequestTakenUpByTwoReplicasAtOnceCallsTheApiOnceAndFailsNeither() throws Exception {
        api.stubFor(post(urlEqualTo("/pay")).willReturn(aResponse().withFixedDelay(300).withBody("{}")));
        for (int round = 0; round < 5; round++) {
            String id = UUID.randomUUID().toString();
            RunAutomation request = request(id, "POST", "/pay", null);
            // Two consumers handed the same record (a partition moved mid-work), as two replicas would run it.
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> handle(request));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> handle(request));
            CompletableFuture.allOf(first, second).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        api.verify(5, postRequestedFor(urlEqualTo("/pay")));
    }

    @Test
    void aRunLeftByAReplicaThatDiedIsTakenUpOnceItsClaimRunsOut() throws Throwable {
        api.stubFor(post(urlEqualTo("/orphan")).willReturn(aResponse().withBody("{}")));
        String id = UUID.randomUUID().toString();
        // Taken up by a replica that was killed before it called: the run is claimed for 3 s more and never finished.
        AutomationRun held = new AutomationRun();
        held.executionId = UUID.fromString(id);
        held.userId = USER;
        held.method = "POST";
        held.url = api.baseUrl() + "/orphan";
        held.status = AutomationRun.RUNNING;
        held.createdAt = Instant.now();
        held.claimedUntil = Instant.now().plusSeconds(3);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(held::persist));

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request(id, "POST", "/orphan", null));

        assertThat(awaitFinal(id).status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        api.verify(1, postRequestedFor(urlEqualTo("/orphan")));
    }

    private void handle(RunAutomation request) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> consumer.onRequest(request));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSlowApiFailsTheJobWithATimeout() throws Exception {
        api.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withFixedDelay(4000).withBody("late")));
        String id = UUID.randomUUID().toString();

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request(id, "POST", "/slow", null));

        ExecutionEvent failed = awaitFinal(id);
        assertThat(failed.error().code()).isEqualTo("api_timeout");
        // A call still going after a while was announced as started, at the time its ending gives.
        ExecutionEvent started = EventJson.mapper().readValue(kafka.awaitRecord(Topics.EXECUTION_EVENTS,
                r -> id.equals(r.key()) && r.value().contains("STARTED"), WAIT).value(), ExecutionEvent.class);
        assertThat(started.startedAt()).isEqualTo(failed.startedAt());
    }

    @Test
    void retriesOfASlowApiEndWithinTheCallsTotalTime() throws Exception {
        // Each attempt may take 2 s and three are allowed, but all must end within 3.5 s: the second attempt gets
        // what is left and there is no third.
        api.stubFor(get(urlEqualTo("/slow-read")).willReturn(aResponse().withFixedDelay(5000).withBody("late")));
        String id = UUID.randomUUID().toString();

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request(id, "GET", "/slow-read", null));

        ExecutionEvent failed = awaitFinal(id);
        assertThat(failed.error().code()).isEqualTo("api_timeout");
        assertThat(failed.error().details().path("attempts").asInt()).isEqualTo(2);
        api.verify(2, getRequestedFor(urlEqualTo("/slow-read")));
    }

    @Test
    void aRedirectIsNotFollowedAndSaysWhereItPoints() throws Exception {
        api.stubFor(get(urlEqualTo("/old")).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
        String id = UUID.randomUUID().toString();

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request(id, "GET", "/old", null));

        ExecutionEvent failed = awaitFinal(id);
        assertThat(failed.error().code()).isEqualTo("api_redirected");
        assertThat(failed.error().message()).contains("169.254.169.254");
    }

    @Test
    void anAnswerLargerThanTheLimitFailsTheJob() throws Exception {
        api.stubFor(get(urlEqualTo("/big")).willReturn(aResponse().withBody(new byte[70_000])));
        api.stubFor(get(urlEqualTo("/big-chunked")).willReturn(aResponse().withChunkedDribbleDelay(8, 100)
                .withBody(new byte[70_000])));

        for (String path : new String[] {"/big", "/big-chunked"}) {
            String id = UUID.randomUUID().toString();
            kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request(id, "GET", path, null));
            ExecutionEvent failed = awaitFinal(id);
            assertThat(failed.error().code()).as(path).isEqualTo("response_too_large");
            assertThat(blobs.open("automations/" + USER + "/" + id + "/response.bin")).isEmpty();
        }
    }

    @Test
    void aPrivateNetworkAddressIsNeverCalled() throws Exception {
        String id = UUID.randomUUID().toString();
        RunAutomation request = new RunAutomation(id, USER, "free", "metadata", "GET",
                "http://169.254.169.254/latest/meta-data/", null, null);

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request);

        ExecutionEvent failed = awaitFinal(id);
        assertThat(failed.error().code()).isEqualTo("url_not_allowed");
    }

    @Test
    void aLoopbackAddressSpelledAmbiguouslyIsNeverCalledEvenWhereLoopbackIsAllowed() throws Exception {
        api.stubFor(get(urlEqualTo("/status")).willReturn(aResponse().withBody("reached")));
        for (String host : new String[] {"0x7f000001", "0177.0.0.1", "2130706433", "127.1"}) {
            String id = UUID.randomUUID().toString();
            kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, new RunAutomation(id, USER, "free", "status", "GET",
                    "http://" + host + ":" + api.port() + "/status", null, null));

            ExecutionEvent failed = awaitFinal(id);
            assertThat(failed.error().code()).as(host).isEqualTo("url_not_allowed");
            assertThat(failed.error().message()).isEqualTo("The API's URL cannot be called: its host " + host
                    + " is an ambiguous IPv4 address (write it as four decimal numbers)");
        }
        api.verify(0, getRequestedFor(urlEqualTo("/status")));
    }

    @Test
    void aHostThatDoesNotResolveFailsTheJobAtOnceAsUnreachable() throws Exception {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, new RunAutomation(id, USER, "free", "nowhere", "GET",
                "http://nosuch.invalid/status", null, null));

        ExecutionEvent failed = awaitFinal(id);
        assertThat(failed.error().code()).isEqualTo("url_unreachable");
        assertThat(failed.error().message()).isEqualTo("The host nosuch.invalid does not resolve");
        assertThat(failed.error().details().path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void aRequestFileOfAnotherUserIsNotRead() throws Exception {
        String foreignKey = "automations/user-b/" + UUID.randomUUID() + "/request.json";
        blobs.put(foreignKey, new ByteArrayInputStream(EventJson.mapper().writeValueAsBytes(
                new AutomationRequest(Map.of("Authorization", "Bearer theirs"), null))));
        String id = UUID.randomUUID().toString();

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request(id, "GET", "/status", foreignKey));

        ExecutionEvent failed = awaitFinal(id);
        assertThat(failed.error().code()).isEqualTo("request_unreadable");
        api.verify(0, getRequestedFor(urlEqualTo("/status")));
    }

    @Test
    void aDeletedUsersRequestsAndAnswersAreErased() throws Exception {
        api.stubFor(get(urlEqualTo("/mine")).willReturn(aResponse().withBody("[1,2]")
                .withHeader("Content-Type", "application/json")));
        String user = "user-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        String key = "automations/" + user + "/" + id + "/request.json";
        blobs.put(key, new ByteArrayInputStream(EventJson.mapper().writeValueAsBytes(
                new AutomationRequest(Map.of("X-Api-Key", "k"), null))));
        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, new RunAutomation(id, user, "free", "mine", "GET",
                api.baseUrl() + "/mine", key, null));
        String answer = awaitFinal(id).result().path("response").path("key").asText();

        kafka.send(Topics.USER_EVENTS, user, new UserDeleted(user, Instant.now()));

        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> blobs.open(answer).isEmpty()
                && blobs.open(key).isEmpty());
    }

    private RunAutomation request(String id, String method, String path, String requestKey) {
        return new RunAutomation(id, USER, "free", method + " " + path, method, api.baseUrl() + path, requestKey,
                new AnalyzeDocument.Output(null, "download", null, null));
    }

    private String storeRequest(String id, AutomationRequest parts) throws Exception {
        String key = "automations/" + USER + "/" + id + "/request.json";
        blobs.put(key, new ByteArrayInputStream(EventJson.mapper().writeValueAsBytes(parts)));
        return key;
    }

    private ExecutionEvent awaitFinal(String id) throws Exception {
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.EXECUTION_EVENTS, r -> id.equals(r.key())
                && (r.value().contains("COMPLETED") || r.value().contains("FAILED")), WAIT);
        return EventJson.mapper().readValue(record.value(), ExecutionEvent.class);
    }
}
