package io.autoflow.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.DocumentTypes;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.testsupport.FlakyBlobStore;
import io.autoflow.testsupport.JobEnding;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blob store failing under a conversion: briefly (S3 answering 503 past the SDK's retries), the document is
 * converted again once it answers and the job completes once, neither failed nor dead-lettered; for good (403), the
 * job fails with its code instead of going to the dead-letter topic.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class BlobStoreFaultTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    FlakyBlobStore blobs;

    private KafkaTestClient kafka;
    private String user;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        user = UUID.randomUUID().toString();
    }

    @AfterEach
    void heal() {
        blobs.heal();
    }

    @Test
    void aStoreAwayWhileTheDocumentIsReadCompletesTheJobOnceItIsBack() throws Exception {
        String id = UUID.randomUUID().toString();
        TransformData request = request(id);
        int before = blobs.failures();
        blobs.failNext(3, "uploads/" + user + "/" + id + "/");

        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, id, request);

        assertThat(JobEnding.awaitEnd(kafka, id, WAIT).status()).isEqualTo(Status.COMPLETED);
        assertThat(blobs.failures() - before).isEqualTo(3);
        ExecutionEvent done = JobEnding.assertEndedOnce(kafka, id, Status.COMPLETED, Topics.WORKFLOW_DATA_TRANSFORM);
        assertThat(converted(done)).isEqualTo("[{\"city\":\"Lyon\",\"population\":522250}]");
    }

    @Test
    void aStoreAwayWhileTheConvertedFileIsWrittenCompletesTheJobOnceItIsBack() throws Exception {
        String id = UUID.randomUUID().toString();
        TransformData request = request(id);
        int before = blobs.failures();
        blobs.failNext(2, "transforms/" + user + "/" + id + "/");

        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, id, request);

        assertThat(JobEnding.awaitEnd(kafka, id, WAIT).status()).isEqualTo(Status.COMPLETED);
        assertThat(blobs.failures() - before).isEqualTo(2);
        ExecutionEvent done = JobEnding.assertEndedOnce(kafka, id, Status.COMPLETED, Topics.WORKFLOW_DATA_TRANSFORM);
        assertThat(converted(done)).isEqualTo("[{\"city\":\"Lyon\",\"population\":522250}]");
    }

    @Test
    void aStoreThatRefusesUsFailsTheJobAtOnceWithItsCode() throws Exception {
        String id = UUID.randomUUID().toString();
        TransformData request = request(id);
        int before = blobs.failures();
        blobs.failAlways("uploads/" + user + "/" + id + "/", new IOException("S3 could not read uploads/" + user
                + "/" + id + "/document: 403 AccessDenied Access Denied"));

        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, id, request);

        ExecutionEvent failed = JobEnding.awaitEnd(kafka, id, WAIT);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("transform_failed");
        assertThat(blobs.failures() - before).isEqualTo(1);
        JobEnding.assertEndedOnce(kafka, id, Status.FAILED, Topics.WORKFLOW_DATA_TRANSFORM);
    }

    private TransformData request(String id) throws IOException {
        String key = "uploads/" + user + "/" + id + "/document";
        blobs.put(key, new ByteArrayInputStream("city,population\nLyon,522250\n".getBytes(StandardCharsets.UTF_8)));
        return new TransformData(id, user, "free", "cities.csv", key, DocumentTypes.CSV, 100, "json",
                new AnalyzeDocument.Output(null, "download", null, null), null);
    }

    private String converted(ExecutionEvent done) throws IOException {
        try (InputStream in = blobs.open(done.result().path("file").path("key").asText()).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
