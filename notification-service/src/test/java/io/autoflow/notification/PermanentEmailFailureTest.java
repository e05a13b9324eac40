package io.autoflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

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
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A mail server that refuses the recipient for good (SMTP 5xx): one attempt, a clear code, no retries. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(RejectingSmtpServer.class)
class PermanentEmailFailureTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BlobStore blobs;

    @Inject
    NotificationStore store;

    @Test
    void anSmtp550FailsAtOnceWithItsReply() throws Exception {
        NotificationRequested request = Requests.completed(blobs, "email", "nobody@example.com", new byte[100]);
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        DeliveryEvent failed = Requests.awaitDeliveryEvent(kafka, request, DeliveryEvent.Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("smtp_rejected");
        assertThat(failed.responseCode()).isEqualTo(550);
        assertThat(failed.error().message()).contains("No such user");
        Thread.sleep(1000);
        assertThat(store.attempts(request.notificationId())).extracting(Attempt::status).containsExactly("failed");
        assertThat(RejectingSmtpServer.RECIPIENTS_OFFERED.get()).isEqualTo(1);
    }
}
