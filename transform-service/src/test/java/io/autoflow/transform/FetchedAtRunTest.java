package io.autoflow.transform;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.testsupport.JobEnding;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A conversion of a document given only by its web address (asked for in a conversation, a run of a schedule): the
 * document is fetched when the job runs, checked like an upload, and kept with the job.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class FetchedAtRunTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The user's web server, where the document is. */
    private static final WireMockServer WEB = new WireMockServer(options().dynamicPort());

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BlobStore blobs;

    private KafkaTestClient kafka;
    private String user;

    @BeforeAll
    static void startWeb() {
        WEB.start();
    }

    @AfterAll
    static void stopWeb() {
        WEB.stop();
    }

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        user = UUID.randomUUID().toString();
    }

    @Test
    void aCsvAtAnAddressIsFetchedWhenTheJobRunsAndConverted() throws Exception {
        WEB.stubFor(get(urlEqualTo("/exports/cities.csv")).willReturn(aResponse()
                .withBody("city,population\nLyon,522250\nSète,44000\n")));
        String id = UUID.randomUUID().toString();

        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, id, fetching(id, WEB.baseUrl() + "/exports/cities.csv"));

        ExecutionEvent done = JobEnding.awaitEnd(kafka, id, WAIT);
        assertThat(done.status()).as(String.valueOf(done.error())).isEqualTo(ExecutionEvent.Status.COMPLETED);
        JsonNode result = done.result();
        assertThat(result.path("rows").asInt()).isEqualTo(2);
        assertThat(result.path("narrative").path("text").asText())
                .isEqualTo("Converted cities.csv (1 table, 2 rows) to JSON.");
        String key = result.path("file").path("key").asText();
        assertThat(key).isEqualTo("transforms/" + user + "/" + id + "/cities.json");
        try (InputStream in = blobs.open(key).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("[{\"city\":\"Lyon\",\"population\":522250},{\"city\":\"Sète\",\"population\":44000}]");
        }
        assertThat(blobs.open("uploads/" + user + "/" + id + "/document")).as("kept with the job, as an upload")
                .isPresent();
    }

    @Test
    void aDocumentThatCannotBeFetchedFailsItsJobWithItsCodeAndIsNotDeadLettered() throws Exception {
        WEB.stubFor(get(urlEqualTo("/gone.csv")).willReturn(aResponse().withStatus(404)));
        String gone = UUID.randomUUID().toString();

        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, gone, fetching(gone, WEB.baseUrl() + "/gone.csv"));

        JobEnding.awaitEnd(kafka, gone, WAIT);
        ExecutionEvent failed = JobEnding.assertEndedOnce(kafka, gone, ExecutionEvent.Status.FAILED,
                Topics.WORKFLOW_DATA_TRANSFORM);
        assertThat(failed.error().code()).isEqualTo("url_fetch_failed");
        assertThat(failureOf(fetching(UUID.randomUUID().toString(), "http://10.0.0.7/sales.csv")).code())
                .isEqualTo("url_not_allowed");
    }

    @Test
    void aDocumentWhoseDataCannotBeConvertedFailsItsJobAndIsNotKept() throws Exception {
        WEB.stubFor(get(urlEqualTo("/report.pdf")).willReturn(aResponse().withBody(
                "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")));

        // a PDF is let in (it could be analysed), but its data cannot be converted
        ErrorInfo refused = failureOf(fetching(UUID.randomUUID().toString(), WEB.baseUrl() + "/report.pdf"));
        assertThat(refused.code()).isEqualTo("unsupported_file_type");
        assertThat(refused.message()).isEqualTo("Data can be converted from CSV and XLSX documents; report.pdf is"
                + " not one");
    }

    /** Why the job fails; nothing of it is kept. */
    private ErrorInfo failureOf(TransformData request) throws Exception {
        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, request.executionId(), request);
        ExecutionEvent failed = JobEnding.awaitEnd(kafka, request.executionId(), WAIT);
        assertThat(failed.status()).isEqualTo(ExecutionEvent.Status.FAILED);
        assertThat(blobs.list("uploads/" + user + "/" + request.executionId() + "/")).isEmpty();
        return failed.error();
    }

    /** A request as the orchestrator sends it when nothing was fetched before the job: the address, no document. */
    private TransformData fetching(String id, String url) {
        return new TransformData(id, user, "free", url.substring(url.lastIndexOf('/') + 1), null, null, 0, "json",
                new AnalyzeDocument.Output(null, "download", null, null), url);
    }
}
