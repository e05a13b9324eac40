package io.autoflow.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.ExecutionEvent.Status;
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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The blob store failing under a job: briefly (as S3 answering 503 after the SDK's retries), the job is analysed again
 * once it answers and completes once, neither failed nor dead-lettered; for good (403), the job fails with its code.
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
    private final WireMockServer web = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        web.start();
    }

    @AfterEach
    void heal() {
        blobs.heal();
        web.stop();
    }

    @Test
    void aStoreAwayWhileTheDocumentIsReadCompletesTheJobOnceItIsBack() throws Exception {
        String id = stored();
        int before = blobs.failures();
        blobs.failNext(3, "uploads/u1/" + id + "/");

        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id));

        ExecutionEvent done = awaitEnd(id);
        assertThat(blobs.failures() - before).isEqualTo(3);
        assertThat(done.status()).isEqualTo(Status.COMPLETED);
        JobEnding.assertEndedOnce(kafka, id, Status.COMPLETED, Topics.WORKFLOW_DOCUMENT_ANALYTICS);
        assertThat(blobs.open("reports/u1/" + id + "/report.pdf")).isPresent();
    }

    @Test
    void aStoreAwayWhileTheReportIsWrittenCompletesTheJobOnceItIsBack() throws Exception {
        String id = stored();
        int before = blobs.failures();
        blobs.failNext(2, "reports/u1/" + id + "/");

        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id));

        assertThat(awaitEnd(id).status()).isEqualTo(Status.COMPLETED);
        assertThat(blobs.failures() - before).isEqualTo(2);
        JobEnding.assertEndedOnce(kafka, id, Status.COMPLETED, Topics.WORKFLOW_DOCUMENT_ANALYTICS);
        assertThat(blobs.list("reports/u1/" + id + "/")).contains("reports/u1/" + id + "/report.pdf",
                "reports/u1/" + id + "/result.json");
    }

    @Test
    void aStoreAwayWhileAFetchedDocumentIsStoredCompletesTheJobWithoutFetchingAgain() throws Exception {
        web.stubFor(get(urlEqualTo("/sales.csv")).willReturn(aResponse().withBody(sales())));
        String id = UUID.randomUUID().toString();
        int before = blobs.failures();
        blobs.failNext(2, "uploads/u1/" + id + "/");
        String url = web.baseUrl() + "/sales.csv";

        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, new AnalyzeDocument(id, "u1", "free", null, "sales.csv",
                null, 0, List.of("statistical"), new AnalyzeDocument.Output("pdf", "download", null, null), url));

        assertThat(awaitEnd(id).status()).isEqualTo(Status.COMPLETED);
        assertThat(blobs.failures() - before).isEqualTo(2);
        assertThat(web.getAllServeEvents()).hasSize(1);
        JobEnding.assertEndedOnce(kafka, id, Status.COMPLETED, Topics.WORKFLOW_DOCUMENT_ANALYTICS);
    }

    @Test
    void aStoreThatRefusesUsFailsTheJobAtOnceWithItsCode() throws Exception {
        String id = stored();
        int before = blobs.failures();
        blobs.failAlways("uploads/u1/" + id + "/", new IOException("S3 could not read uploads/u1/" + id
                + "/document: 403 AccessDenied Access Denied"));

        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id));

        ExecutionEvent failed = awaitEnd(id);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("analysis_failed");
        assertThat(blobs.failures() - before).isEqualTo(1);
        JobEnding.assertEndedOnce(kafka, id, Status.FAILED, Topics.WORKFLOW_DOCUMENT_ANALYTICS);
    }

    private String stored() throws IOException {
        String id = UUID.randomUUID().toString();
        blobs.put("uploads/u1/" + id + "/document", new ByteArrayInputStream(sales()));
        return id;
    }

    private byte[] sales() throws IOException {
        return getClass().getResourceAsStream("/csv/sales.csv").readAllBytes();
    }

    private static AnalyzeDocument request(String id) {
        return new AnalyzeDocument(id, "u1", "free", "uploads/u1/" + id + "/document", "sales.csv", "text/csv", 100,
                List.of("statistical"), new AnalyzeDocument.Output("pdf", "download", null, null), null);
    }

    private ExecutionEvent awaitEnd(String id) {
        return JobEnding.awaitEnd(kafka, id, WAIT);
    }
}
