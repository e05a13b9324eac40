package io.autoflow.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.JsonEventSerializer;
import io.autoflow.events.NotificationRequested;
import io.autoflow.events.Topics;
import io.autoflow.notification.service.DeliveryWorker;
import io.autoflow.service.tracing.TraceParents;
import io.autoflow.testsupport.CapturedLogs;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hand-over arrives with the job's trace in its record's headers; the delivery, made later on a sender thread,
 * continues it: the webhook call carries it on, so does the delivery report, and the attempt's log line has the job's
 * and the trace's ids.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpServerResource.class)
class WebhookTraceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BlobStore blobs;

    private KafkaTestClient kafka;
    private WireMockServer receiver;
    private CapturedLogs logs;
    private final String path = "/hooks/" + UUID.randomUUID();

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        logs = CapturedLogs.of(DeliveryWorker.class.getName());
    }

    @AfterEach
    void tearDown() {
        logs.close();
        receiver.stop();
    }

    @Test
    void theDeliveryContinuesTheTraceOfTheRecordThatAskedForIt() throws Exception {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        NotificationRequested request = Requests.completed(blobs, "webhook", receiver.baseUrl() + path, new byte[10]);
        given().post("/notification/webhook-secrets/" + request.userId()).then().statusCode(200);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        kafka.sendBytes(Topics.NOTIFICATIONS, request.executionId(),
                new JsonEventSerializer().serialize(Topics.NOTIFICATIONS, request),
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

        await().atMost(WAIT).until(() -> !receiver.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());
        String called = receiver.findAll(postRequestedFor(urlEqualTo(path))).get(0).getHeader("traceparent");
        assertThat(TraceParents.traceId(called)).as("the webhook call's traceparent").isEqualTo(traceId);

        var report = kafka.awaitRecord(Topics.DELIVERY_EVENTS, r -> r.value().contains(request.notificationId())
                && r.value().contains(DeliveryEvent.Status.DELIVERED.name()), WAIT);
        assertThat(TraceParents.traceId(KafkaTestClient.header(report, "traceparent"))).isEqualTo(traceId);

        await().atMost(WAIT).untilAsserted(() -> assertThat(attemptLine(request)).as("attempt line among %s",
                logs.lines()).isNotNull());
        CapturedLogs.Line line = attemptLine(request);
        assertThat(line.mdc("traceId")).isEqualTo(traceId);
        assertThat(line.mdc("spanId")).isNotBlank();
        assertThat(line.mdc("jobId")).isEqualTo(request.executionId());
        assertThat(line.mdc("userId")).isEqualTo(request.userId());
    }

    private CapturedLogs.Line attemptLine(NotificationRequested request) {
        return logs.lines().stream().filter(l -> l.message().startsWith("Notification " + request.notificationId()
                + " attempt")).findFirst().orElse(null);
    }
}
