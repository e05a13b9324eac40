package io.autoflow.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.DocumentTypes;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.events.data.AggregateFunction;
import io.autoflow.events.data.ColumnType;
import io.autoflow.events.data.DataOperation;
import io.autoflow.events.UserDeleted;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transform service on a real Kafka broker: a request in, the converted file stored and announced. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class DataTransformTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BlobStore blobs;

    @Inject
    MeterRegistry registry;

    private KafkaTestClient kafka;
    private String user;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        user = UUID.randomUUID().toString();
    }

    @Test
    void aCsvIsConvertedToJsonStoredUnderTheJobAndAnnounced() throws Exception {
        String id = UUID.randomUUID().toString();
        String document = store(id, "city,population\nLyon,522250\nSète,44000\n");

        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, id, request(id, document, "json"));

        ExecutionEvent done = awaitFinal(id);
        assertThat(done.status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        JsonNode result = done.result();
        assertThat(result.path("rows").asInt()).isEqualTo(2);
        assertThat(result.path("narrative").path("text").asText())
                .isEqualTo("Converted cities.csv (1 table, 2 rows) to JSON.");
        String key = result.path("file").path("key").asText();
        assertThat(key).isEqualTo("transforms/" + user + "/" + id + "/cities.json");
        assertThat(result.path("file").path("media_type").asText()).isEqualTo("application/json");
        try (InputStream in = blobs.open(key).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("[{\"city\":\"Lyon\",\"population\":522250},{\"city\":\"Sète\",\"population\":44000}]");
        }
    }

    @Test
    void theRequestsDataOperationsShapeTheFileAndTheNarrative() throws Exception {
        String id = UUID.randomUUID().toString();
        String document = store(id, "region,product,revenue\nEU,apples,10.5\nUS,pears,7\nEU,pears,x\nEU,apples,4.5\n");
        TransformData plain = request(id, document, "csv");
        TransformData operated = new TransformData(id, user, "free", "sales.csv", document, DocumentTypes.CSV, 100,
                "csv", plain.output(), null, List.of(
                        new DataOperation.Filter("region = 'EU'"),
                        new DataOperation.Cast(Map.of("revenue", ColumnType.NUMBER)),
                        new DataOperation.GroupBy(List.of("product"), List.of(
                                new DataOperation.Aggregate(AggregateFunction.SUM, "revenue", "revenue")))), null);

        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, id, operated);

        ExecutionEvent done = awaitFinal(id);
        assertThat(done.status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        assertThat(done.result().path("rows").asInt()).isEqualTo(2);
        assertThat(done.result().path("narrative").path("text").asText()).isEqualTo("Read sales.csv (1 table, 4 rows),"
                + " applied 3 operations and wrote 2 rows as CSV. 1 cell of 'revenue' could not be read as number and"
                + " was left empty.");
        try (InputStream in = blobs.open(done.result().path("file").path("key").asText()).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("product,revenue\r\napples,15\r\npears,0\r\n");
        }

        String missing = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, missing, new TransformData(missing, user, "free", "sales.csv",
                store(missing, "a,b\n1,2\n"), DocumentTypes.CSV, 10, "json", plain.output(), null,
                List.of(new DataOperation.Select(List.of("revenue"))), null));
        ExecutionEvent failed = awaitFinal(missing);
        assertThat(failed.error().code()).isEqualTo("unknown_column");
        assertThat(failed.error().details().path("columns").toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void anApisJsonAnswerIsReshapedByJsonataThenOperatedOn() throws Exception {
        String id = UUID.randomUUID().toString();
        String answer = "automations/" + user + "/" + UUID.randomUUID() + "/response.json";
        blobs.put(answer, new ByteArrayInputStream("""
                {"data": [{"region": "EU", "product": "apples", "revenue": 10.5},
                          {"region": "US", "product": "pears", "revenue": 7},
                          {"region": "EU", "product": "apples", "revenue": 4.5}]}""".getBytes(StandardCharsets.UTF_8)));
        TransformData request = new TransformData(id, user, "free", "sales.json", answer, DocumentTypes.JSON, 200,
                "csv", new AnalyzeDocument.Output(null, "download", null, null), null,
                List.of(new DataOperation.GroupBy(List.of("product"), List.of(
                        new DataOperation.Aggregate(AggregateFunction.SUM, "revenue", "revenue")))),
                "data[region = 'EU']");

        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, id, request);

        ExecutionEvent done = awaitFinal(id);
        assertThat(done.status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        try (InputStream in = blobs.open(done.result().path("file").path("key").asText()).orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("product,revenue\r\napples,15\r\n");
        }

        String bad = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, bad, new TransformData(bad, user, "free", "sales.json", answer,
                DocumentTypes.JSON, 200, "csv", request.output(), null, List.of(), "data["));
        assertThat(awaitFinal(bad).error().code()).isEqualTo("invalid_expression");
    }

    @Test
    void aBadRequestFailsTheJobWithAPreciseCode() throws Exception {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, id, request(id, store(id, "a,b\n1,2,3\n"), "xlsx"));
        assertThat(awaitFinal(id).error().code()).isEqualTo("malformed_csv");

        String other = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, other, request(other, store(other, "a\n1\n"), "yaml"));
        assertThat(awaitFinal(other).error().code()).isEqualTo("invalid_target_format");

        String wide = UUID.randomUUID().toString();
        String columns = "c,".repeat(20_000) + "c\n" + "1,".repeat(20_000) + "1\n";
        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, wide, request(wide, store(wide, columns), "xlsx"));
        assertThat(awaitFinal(wide).error().code()).isEqualTo("too_many_columns");

        String foreign = UUID.randomUUID().toString();
        TransformData theirs = new TransformData(foreign, user, "free", "x.csv", "uploads/someone-else/x/document",
                DocumentTypes.CSV, 10, "json", null, null);
        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, foreign, theirs);
        assertThat(awaitFinal(foreign).error().code()).isEqualTo("document_not_found");
    }

    @Test
    void aDeletedUsersConvertedFilesAreErased() throws Exception {
        String id = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, id, request(id, store(id, "a\n1\n"), "csv"));
        String key = awaitFinal(id).result().path("file").path("key").asText();
        assertThat(blobs.open(key)).isPresent();

        kafka.send(Topics.USER_EVENTS, user, new UserDeleted(user, Instant.now()));

        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> blobs.open(key).isEmpty());
    }

    @Test
    void aConversionPastItsTiersTimeIsStoppedWhileAQuickOneGoesOn() throws Exception {
        StringBuilder big = new StringBuilder("day,region,units,price\n");
        for (int i = 0; i < 300_000; i++) {
            big.append("2026-01-").append(1 + i % 28).append(",North,").append(i % 97).append(',').append(i % 13)
                    .append(".5\n");
        }
        String slow = UUID.randomUUID().toString();
        TransformData brief = new TransformData(slow, user, "brief", "big.csv", store(slow, big.toString()),
                DocumentTypes.CSV, big.length(), "xlsx", null, null); // the test tier "brief" allows 1 s
        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, slow, brief);
        String quick = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_DATA_TRANSFORM, quick, request(quick, store(quick, "a\n1\n"), "json"));

        ConsumerRecord<String, String> quickDone = awaitFinalRecord(quick);
        ConsumerRecord<String, String> slowDone = awaitFinalRecord(slow);
        ExecutionEvent stopped = EventJson.mapper().readValue(slowDone.value(), ExecutionEvent.class);
        assertThat(stopped.error().code()).isEqualTo("processing_timeout");
        assertThat(stopped.error().details().path("limit_seconds").asInt()).isEqualTo(1);
        assertThat(quickDone.timestamp()).isLessThan(slowDone.timestamp());
        // The start is announced only for the job still at work after 300 ms (the tests' setting); the endings say
        // when each began.
        List<ExecutionEvent> slowEvents = events(slow);
        assertThat(slowEvents).extracting(ExecutionEvent::status)
                .containsExactly(ExecutionEvent.Status.STARTED, ExecutionEvent.Status.FAILED);
        assertThat(slowEvents.get(0).startedAt()).isEqualTo(stopped.startedAt())
                .isBefore(stopped.occurredAt().minusMillis(900));
        ExecutionEvent quickEnd = EventJson.mapper().readValue(quickDone.value(), ExecutionEvent.class);
        assertThat(events(quick)).extracting(ExecutionEvent::status).containsExactly(ExecutionEvent.Status.COMPLETED);
        assertThat(quickEnd.startedAt()).isNotNull().isBeforeOrEqualTo(quickEnd.occurredAt());
        assertThat(blobs.list("transforms/" + user + "/" + slow + "/")).isEmpty();
        // The stopped conversion is counted as timed out once its thread gives up, at its next checkpoint.
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> registry.find("autoflow.documents.processed")
                .tags("document_type", "csv", "outcome", "timed_out").counter() != null);
        assertThat(registry.get("autoflow.documents.processed").tags("document_type", "csv", "outcome", "completed")
                .counter().count()).isPositive();
    }

    private String store(String id, String csv) throws Exception {
        String key = "uploads/" + user + "/" + id + "/document";
        blobs.put(key, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        return key;
    }

    private TransformData request(String id, String document, String target) {
        return new TransformData(id, user, "free", "cities.csv", document, DocumentTypes.CSV, 100, target,
                new AnalyzeDocument.Output(null, "download", null, null), null);
    }

    private List<ExecutionEvent> events(String id) throws Exception {
        List<ExecutionEvent> events = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : kafka.readAll(Topics.EXECUTION_EVENTS, Duration.ofSeconds(5))) {
            if (id.equals(record.key())) {
                events.add(EventJson.mapper().readValue(record.value(), ExecutionEvent.class));
            }
        }
        return events;
    }

    private ExecutionEvent awaitFinal(String id) throws Exception {
        return EventJson.mapper().readValue(awaitFinalRecord(id).value(), ExecutionEvent.class);
    }

    private ConsumerRecord<String, String> awaitFinalRecord(String id) {
        return kafka.awaitRecord(Topics.EXECUTION_EVENTS, r -> id.equals(r.key())
                && (r.value().contains("COMPLETED") || r.value().contains("FAILED")), WAIT);
    }
}
