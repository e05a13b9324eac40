package io.autoflow.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.NotificationRequested;
import io.autoflow.events.Topics;
import io.autoflow.notification.store.Attempt;
import io.autoflow.notification.store.NotificationStore;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A receiver that never recovers: retries stop when the window closes, and the request goes to the DLQ. */
@QuarkusTest
@TestProfile(RetryWindowTest.ShortWindow.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpServerResource.class)
class RetryWindowTest {

    public static class ShortWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("autoflow.delivery.retry-window", "3s", "autoflow.delivery.first-retry", "300ms");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BlobStore blobs;

    @Inject
    NotificationStore store;

    @Test
    void aDeliveryThatKeepsFailingTransientlyFailsForGoodWhenItsWindowCloses() throws Exception {
        WireMockServer receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        try {
            receiver.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
            NotificationRequested request = Requests.completed(blobs, "webhook", receiver.baseUrl() + "/down",
                    new byte[10]);
            given().post("/notification/webhook-secrets/" + request.userId()).then().statusCode(200);
            KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
            kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

            DeliveryEvent failed = Requests.awaitDeliveryEvent(kafka, request, DeliveryEvent.Status.FAILED);
            assertThat(failed.error().code()).isEqualTo("webhook_unavailable");
            assertThat(failed.error().message()).contains("gave up after");
            kafka.awaitRecord(Topics.dlq(Topics.NOTIFICATIONS), r -> r.value().contains(request.notificationId()),
                    Duration.ofSeconds(10));
            List<Attempt> attempts = store.attempts(request.notificationId());
            assertThat(attempts.size()).isGreaterThanOrEqualTo(2);
            assertThat(attempts).extracting(Attempt::responseCode).containsOnly(503);
            assertThat(attempts.get(attempts.size() - 1).status()).isEqualTo("failed");
            // Waits double from 300 ms up to the 1 s cap (test profile), and jitter takes at most half of each.
            for (int i = 1; i < attempts.size(); i++) {
                Duration gap = Duration.between(attempts.get(i - 1).finishedAt(), attempts.get(i).startedAt());
                assertThat(gap.toMillis()).isGreaterThanOrEqualTo(Math.min(150L << (i - 1), 500L));
            }
        } finally {
            receiver.stop();
        }
    }
}
