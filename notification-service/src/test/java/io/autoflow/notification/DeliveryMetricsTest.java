package io.autoflow.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.NotificationRequested;
import io.autoflow.events.Topics;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.autoflow.testsupport.MetricsScrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** autoflow_deliveries_total on /q/metrics after webhooks that are retried, delivered and refused. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpServerResource.class)
class DeliveryMetricsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BlobStore blobs;

    private KafkaTestClient kafka;
    private WireMockServer receiver;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.stop();
    }

    @Test
    void everyAttemptIsCountedByChannelAndHowItEnded() throws Exception {
        MetricsScrape before = MetricsScrape.now();

        // A 503 is tried again: one retrying attempt, then one delivered.
        String flaky = "/hooks/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(flaky)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        receiver.stubFor(post(urlEqualTo(flaky)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(204)));
        NotificationRequested retried = webhook(flaky);
        kafka.send(Topics.NOTIFICATIONS, retried.executionId(), retried);
        Requests.awaitDeliveryEvent(kafka, retried, DeliveryEvent.Status.DELIVERED);

        // A 400 fails at once.
        String refusing = "/hooks/" + UUID.randomUUID();
        receiver.stubFor(post(urlEqualTo(refusing)).willReturn(aResponse().withStatus(400)));
        NotificationRequested refused = webhook(refusing);
        kafka.send(Topics.NOTIFICATIONS, refused.executionId(), refused);
        Requests.awaitDeliveryEvent(kafka, refused, DeliveryEvent.Status.FAILED);

        MetricsScrape after = MetricsScrape.now();
        assertThat(delta(before, after, "webhook", "retrying")).isEqualTo(1);
        assertThat(delta(before, after, "webhook", "delivered")).isEqualTo(1);
        assertThat(delta(before, after, "webhook", "failed")).isEqualTo(1);
        assertThat(delta(before, after, "email", "delivered")).isZero();
        assertThat(after.text()).doesNotContain(retried.userId(), retried.executionId(), receiver.baseUrl());
    }

    private NotificationRequested webhook(String path) throws Exception {
        NotificationRequested request = Requests.completed(blobs, "webhook", receiver.baseUrl() + path, new byte[100]);
        given().post("/notification/webhook-secrets/" + request.userId()).then().statusCode(200);
        return request;
    }

    private static double delta(MetricsScrape before, MetricsScrape after, String channel, String outcome) {
        return after.value("autoflow_deliveries_total", "channel", channel, "outcome", outcome)
                - before.value("autoflow_deliveries_total", "channel", channel, "outcome", outcome);
    }
}
