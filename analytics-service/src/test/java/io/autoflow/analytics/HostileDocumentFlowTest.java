package io.autoflow.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoflow.analytics.domain.AnalyticsJob;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.ResultSummary;
import io.autoflow.events.Topics;
import io.autoflow.service.work.BoundedWork;
import io.autoflow.testsupport.HostileDocuments.Hostile;
import io.autoflow.testsupport.HostileDocuments;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Documents a hostile user would send, and what they must not do: hold a worker past the job's time, hold up other
 * documents, make an event too large, or be retried for ever after taking the worker down.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class HostileDocumentFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** What each hostile document ends as: a stable failure code, or completed within the limits. */
    private static final Map<String, String> OUTCOMES = Map.ofEntries(
            Map.entry("cyclic PDF page tree", "corrupt_document"),
            Map.entry("deeply nested PDF", "empty_document"),
            Map.entry("prose laid out as columns", "completed"),
            Map.entry("XLSX zip bomb", "zip_bomb_detected"),
            Map.entry("DOCX zip bomb", "zip_bomb_detected"),
            Map.entry("CSV with 100,000 columns", "document_too_complex"),
            Map.entry("a single 5 MB cell", "completed"),
            Map.entry("a 10 MB cell under a header", "completed"),
            Map.entry("1,000 sheets", "document_too_complex"),
            Map.entry("NUL bytes", "unsupported_file_type"),
            Map.entry("PDF and ZIP in one file", "completed"));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BlobStore blobs;

    @Inject
    BoundedWork work;

    private KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @Test
    void everyHostileDocumentEndsWithAStableCodeAndAnEventFarBelowKafkasLimit() throws Exception {
        for (Hostile hostile : HostileDocuments.all()) {
            String id = submit(hostile.bytes(), hostile.fileName(), hostile.mediaType(), "free");
            ConsumerRecord<String, String> end = awaitTerminal(id);
            ExecutionEvent event = read(end.value());
            String outcome = event.status() == Status.COMPLETED ? "completed" : event.error().code();
            assertThat(outcome).as(hostile.name()).isEqualTo(OUTCOMES.get(hostile.name()));
            assertThat(end.serializedValueSize()).as(hostile.name()).isLessThan(ResultSummary.MAX_BYTES + 1024);
        }
    }

    @Test
    void aDocumentPastItsTiersTimeIsStoppedAndTheWorkerGoesOn() throws Exception {
        // The "brief" test tier allows 2 s; a thousand pages of columned prose take far longer, even warm.
        String slow = submit(HostileDocuments.columnedProsePdf(1_000), "prose.pdf", HostileDocuments.PDF, "brief");
        ExecutionEvent failed = read(awaitTerminal(slow).value());
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("processing_timeout");
        assertThat(failed.error().details().get("limit_seconds").asInt()).isEqualTo(2);

        String next = submit(csv(), "next.csv", "text/csv", "brief");
        assertThat(read(awaitTerminal(next).value()).status()).isEqualTo(Status.COMPLETED);
        // The abandoned analysis stopped at its next checkpoint: nothing is left running.
        await().atMost(Duration.ofSeconds(20)).until(() -> work.stuck().isEmpty()
                && Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("analysis-" + slow)));
    }

    @Test
    void aSlowDocumentHoldsUpNoDocumentBehindItOnItsPartition() throws Exception {
        String slow = UUID.randomUUID().toString();
        store(slow, HostileDocuments.columnedProsePdf(300));
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, slow, request(slow, "prose.pdf", HostileDocuments.PDF, "free"));
        String quick = samePartitionAs(slow);
        store(quick, csv());
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, quick, request(quick, "quick.csv", "text/csv", "free"));

        Instant quickDone = Instant.ofEpochMilli(awaitTerminal(quick).timestamp());
        Instant slowDone = Instant.ofEpochMilli(awaitTerminal(slow).timestamp());
        assertThat(quickDone).isBefore(slowDone);
    }

    @Test
    void aRequestThatKeepsTakingItsWorkerDownFailsWithWorkerLostAndIsDeadLettered() throws Throwable {
        String id = submitLater();
        // As left by three workers that died with the job: taken up three times, never finished.
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            AnalyticsJob job = new AnalyticsJob();
            job.executionId = UUID.fromString(id);
            job.userId = "u1";
            job.blobKey = "uploads/u1/" + id + "/document";
            job.status = AnalyticsJob.PROCESSING;
            job.attempts = 3;
            job.createdAt = Instant.now();
            return job.persist();
        }));
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id, "data.csv", "text/csv", "free"));

        ExecutionEvent failed = read(awaitTerminal(id).value());
        assertThat(failed.error().code()).isEqualTo("worker_lost");
        assertThat(failed.error().details().get("attempts").asInt()).isEqualTo(3);
        ConsumerRecord<String, String> dead = kafka.awaitRecord(Topics.WORKFLOW_DOCUMENT_ANALYTICS + ".dlq",
                r -> id.equals(r.key()), WAIT);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("stopped its worker 3 times");
    }

    private String submit(byte[] document, String fileName, String mediaType, String tier) throws Exception {
        String id = UUID.randomUUID().toString();
        store(id, document);
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id, fileName, mediaType, tier));
        return id;
    }

    private String submitLater() throws Exception {
        String id = UUID.randomUUID().toString();
        store(id, csv());
        return id;
    }

    private void store(String id, byte[] document) throws Exception {
        blobs.put("uploads/u1/" + id + "/document", new ByteArrayInputStream(document));
    }

    /** A job id whose records land on the same partition as the given one's. */
    private static String samePartitionAs(String id) {
        int partitions = Topics.all().stream().filter(t -> t.name().equals(Topics.WORKFLOW_DOCUMENT_ANALYTICS))
                .findFirst().orElseThrow().partitions();
        while (true) {
            String candidate = UUID.randomUUID().toString();
            if (partition(candidate, partitions) == partition(id, partitions)) {
                return candidate;
            }
        }
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static byte[] csv() {
        return "day,units\n2026-01-01,3\n2026-01-02,5\n2026-01-03,4\n".getBytes(StandardCharsets.UTF_8);
    }

    private static AnalyzeDocument request(String id, String fileName, String mediaType, String tier) {
        return new AnalyzeDocument(id, "u1", tier, "uploads/u1/" + id + "/document", fileName, mediaType, 100,
                List.of(), new AnalyzeDocument.Output("pdf", "download", null, null), null);
    }

    private ConsumerRecord<String, String> awaitTerminal(String id) {
        return kafka.awaitRecord(Topics.EXECUTION_EVENTS, r -> id.equals(r.key())
                && read(r.value()).status().isTerminal(), WAIT);
    }

    private static ExecutionEvent read(String json) {
        return EventJson.read(json, ExecutionEvent.class);
    }
}
