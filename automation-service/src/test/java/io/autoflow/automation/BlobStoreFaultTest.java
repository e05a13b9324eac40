package io.autoflow.automation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.AutomationRequest;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.Topics;
import io.autoflow.testsupport.FlakyBlobStore;
import io.autoflow.testsupport.JobEnding;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blob store failing around an API call: briefly (S3 answering 503 past the SDK's retries), reading the call's
 * request or storing its answer waits for it, the API is called once and the job completes once, neither failed nor
 * dead-lettered; for good (403), the job fails with a code that says the call was made.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class BlobStoreFaultTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String USER = "user-store";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    FlakyBlobStore blobs;

    private KafkaTestClient kafka;
    private WireMockServer api;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        api.stubFor(get(urlEqualTo("/v1/rates")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"USD\":1.08}")));
    }

    @AfterEach
    void tearDown() {
        blobs.heal();
        api.stop();
    }

    @Test
    void aStoreAwayWhileTheRequestIsReadCallsTheApiOnceItIsBack() throws Exception {
        String id = UUID.randomUUID().toString();
        RunAutomation request = request(id);
        int before = blobs.failures();
        blobs.failNext(3, "automations/" + USER + "/" + id + "/request.json");

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request);

        assertThat(JobEnding.awaitEnd(kafka, id, WAIT).status()).isEqualTo(Status.COMPLETED);
        assertThat(blobs.failures() - before).isEqualTo(3);
        JobEnding.assertEndedOnce(kafka, id, Status.COMPLETED, Topics.WORKFLOW_API_AUTOMATION);
        api.verify(1, getRequestedFor(urlEqualTo("/v1/rates")));
    }

    @Test
    void aStoreAwayWhileTheAnswerIsStoredKeepsItWithoutCallingAgain() throws Exception {
        String id = UUID.randomUUID().toString();
        RunAutomation request = request(id);
        int before = blobs.failures();
        blobs.failNext(2, "automations/" + USER + "/" + id + "/response.");

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request);

        assertThat(JobEnding.awaitEnd(kafka, id, WAIT).status()).isEqualTo(Status.COMPLETED);
        assertThat(blobs.failures() - before).isEqualTo(2);
        ExecutionEvent done = JobEnding.assertEndedOnce(kafka, id, Status.COMPLETED,
                Topics.WORKFLOW_API_AUTOMATION);
        api.verify(1, getRequestedFor(urlEqualTo("/v1/rates")));
        try (var in = blobs.open(done.result().path("response").path("key").asText()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo("{\"USD\":1.08}".getBytes());
        }
    }

    @Test
    void aStoreThatRefusesTheAnswerFailsTheJobWithItsCode() throws Exception {
        String id = UUID.randomUUID().toString();
        RunAutomation request = request(id);
        int before = blobs.failures();
        blobs.failAlways("automations/" + USER + "/" + id + "/response.", new IOException(
                "S3 could not write the answer: 403 AccessDenied Access Denied"));

        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, request);

        ExecutionEvent failed = JobEnding.awaitEnd(kafka, id, WAIT);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("response_not_stored");
        assertThat(failed.error().details().path("status_code").asInt()).isEqualTo(200);
        assertThat(blobs.failures() - before).isEqualTo(1);
        JobEnding.assertEndedOnce(kafka, id, Status.FAILED, Topics.WORKFLOW_API_AUTOMATION);
        api.verify(1, getRequestedFor(urlEqualTo("/v1/rates")));
    }

    private RunAutomation request(String id) throws IOException {
        String key = "automations/" + USER + "/" + id + "/request.json";
        blobs.put(key, new ByteArrayInputStream(EventJson.mapper().writeValueAsBytes(new AutomationRequest(
                Map.of("Accept", "application/json"), null))));
        return new RunAutomation(id, USER, "free", "rates", "GET", api.baseUrl() + "/v1/rates", key,
                new AnalyzeDocument.Output(null, "download", null, null));
    }
}
