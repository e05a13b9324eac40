package io.autoflow.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.analytics.domain.AnalyticsJob;
import io.autoflow.analytics.domain.ErasedUser;
import io.autoflow.analytics.messaging.DocumentAnalyticsConsumer;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.autoflow.testsupport.Eicar;
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
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class DocumentAnalyticsFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** A user's web server, where a scheduled analysis finds its document. */
    private static final WireMockServer WEB = new WireMockServer(options().dynamicPort());

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BlobStore blobs;

    @Inject
    DocumentAnalyticsConsumer consumer;

    private KafkaTestClient kafka;

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
    }

    @Test
    void aDocumentGivenByItsAddressIsFetchedWhenTheJobRunsAsItIsThen() throws Throwable {
        byte[] sales = getClass().getResourceAsStream("/csv/sales.csv").readAllBytes();
        WEB.stubFor(get(urlEqualTo("/exports/sales.csv")).willReturn(aResponse().withBody(sales)));
        String monday = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, monday, fetching(monday, "/exports/sales.csv"));

        JsonNode result = detail(awaitEvent(monday, Status.COMPLETED));
        assertThat(result.get("tables").get(0).get("row_count").asLong()).isEqualTo(48);
        assertThat(result.get("source_url").asText()).isEqualTo(WEB.baseUrl() + "/exports/sales.csv");
        assertThat(result.get("report").get("key").asText()).isEqualTo("reports/u1/" + monday + "/report.pdf");
        String key = "uploads/u1/" + monday + "/document";
        assertThat(blobs.open(key)).isPresent();
        AnalyticsJob job = job(monday);
        assertThat(job.blobKey).isEqualTo(key);
        assertThat(job.fileName).isEqualTo("sales.csv");
        assertThat(job.fileType).isEqualTo("text/csv");
        assertThat(job.fileSizeBytes).isEqualTo(sales.length);

        // A week later the file has grown: the next run analyses it as it is then.
        WEB.stubFor(get(urlEqualTo("/exports/sales.csv")).willReturn(aResponse()
                .withBody(new String(sales, StandardCharsets.UTF_8) + "2026-12-01,North,Widget,7,2.50,17.50,no\n")));
        String nextMonday = UUID.randomUUID().toString();
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, nextMonday, fetching(nextMonday, "/exports/sales.csv"));
        assertThat(detail(awaitEvent(nextMonday, Status.COMPLETED)).get("tables").get(0).get("row_count").asLong())
                .isEqualTo(49);
    }

    @Test
    void aDocumentThatCannotBeFetchedOrLetInFailsItsJobWithAPreciseCodeAndIsNotKept() throws Exception {
        WEB.stubFor(get(urlEqualTo("/gone.csv")).willReturn(aResponse().withStatus(404)));
        WEB.stubFor(get(urlEqualTo("/infected.csv")).willReturn(aResponse().withBody(Eicar.bytes())));
        WEB.stubFor(get(urlEqualTo("/chart.png")).willReturn(aResponse().withBody(new byte[] {(byte) 0x89, 'P', 'N',
                'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'})));
        WEB.stubFor(get(urlEqualTo("/huge.csv")).willReturn(aResponse().withBody("a,b\n" + "1,2\n".repeat(20_000))));
        WEB.stubFor(get(urlEqualTo("/to-metadata")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/")));

        assertThat(failureOf(fetching(UUID.randomUUID().toString(), "/gone.csv"))).isEqualTo("url_fetch_failed");
        assertThat(failureOf(fetching(UUID.randomUUID().toString(), "/infected.csv"))).isEqualTo("malware_detected");
        assertThat(failureOf(fetching(UUID.randomUUID().toString(), "/chart.png"))).isEqualTo("unsupported_file_type");
        assertThat(failureOf(fetching(UUID.randomUUID().toString(), "/huge.csv"))).isEqualTo("file_too_large");
        assertThat(failureOf(fetching(UUID.randomUUID().toString(), "/to-metadata"))).isEqualTo("url_not_allowed");
        assertThat(failureOf(withSource(UUID.randomUUID().toString(), "http://10.0.0.7/sales.csv")))
                .isEqualTo("url_not_allowed");
    }

    /** The code a run fails with; nothing it fetched is kept. */
    private String failureOf(AnalyzeDocument request) throws Exception {
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, request.executionId(), request);
        String code = awaitEvent(request.executionId(), Status.FAILED).error().code();
        assertThat(blobs.list("uploads/u1/" + request.executionId() + "/")).as("stored for " + code).isEmpty();
        return code;
    }

    /** The request of a scheduled run: the document's address on the user's web server, nothing stored yet. */
    private static AnalyzeDocument fetching(String id, String path) {
        return withSource(id, WEB.baseUrl() + path);
    }

    private static AnalyzeDocument withSource(String id, String url) {
        return new AnalyzeDocument(id, "u1", "free", null, url.substring(url.lastIndexOf('/') + 1), null, 0,
                List.of("statistical"), new AnalyzeDocument.Output("pdf", "download", null, null), url);
    }

    @Test
    void analysesAStoredCsvAndAnnouncesItsStatistics() throws Throwable {
        String id = store("sales.csv", getClass().getResourceAsStream("/csv/sales.csv").readAllBytes());
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id, "text/csv"));

        ExecutionEvent completed = awaitEvent(id, Status.COMPLETED);
        // Its start is announced only if it takes over a second (DeferredStart); the ending says when it began.
        assertThat(completed.startedAt()).isNotNull().isBeforeOrEqualTo(completed.occurredAt());
        // The event carries a summary; every table's statistics are stored with the report.
        JsonNode summary = completed.result();
        assertThat(summary.has("tables")).isFalse();
        assertThat(summary.get("table_count").asInt()).isEqualTo(1);
        assertThat(summary.get("detail").get("key").asText()).isEqualTo("reports/u1/" + id + "/result.json");
        JsonNode result = detail(completed);
        assertThat(result.get("insights")).isEqualTo(summary.get("insights"));
        JsonNode table = result.get("tables").get(0);
        assertThat(table.get("name").asText()).isEqualTo("data");
        assertThat(table.get("row_count").asLong()).isEqualTo(48);
        JsonNode units = column(result, "units");
        assertThat(units.get("type").asText()).isEqualTo("integer");
        assertThat(units.get("median").asDouble()).isEqualTo(45.0);
        assertThat(column(result, "region").get("top_values").get(0).get("count").asLong()).isEqualTo(12);

        String report = result.get("report").get("key").asText();
        assertThat(report).isEqualTo("reports/u1/" + id + "/report.pdf");
        try (var pdf = blobs.open(report).orElseThrow()) {
            assertThat(new String(pdf.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        }
        assertThat(result.get("charts")).isNotEmpty();
        for (JsonNode chart : result.get("charts")) {
            assertThat(blobs.open(chart.get("key").asText())).isPresent();
        }
        assertThat(result.get("report_url").asText()).isEqualTo("/api/jobs/" + id + "/report");
        assertThat(result.get("output").get("delivery").asText()).isEqualTo("download");
        AnalyticsJob stored = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> AnalyticsJob.<AnalyticsJob>findById(UUID.fromString(id))));
        assertThat(stored.reportUrl).isEqualTo("/api/jobs/" + id + "/report");
        assertThat(EventJson.read(stored.charts, JsonNode.class)).isEqualTo(result.get("charts"));
    }

    @Test
    void aRedeliveredRequestAnnouncesTheSameOutcomeWithoutRunningTheJobAgain() throws Exception {
        String id = store("small.csv", "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id, "text/csv"));
        ExecutionEvent first = awaitEvent(id, Status.COMPLETED);

        blobs.delete("uploads/u1/" + id + "/document");
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id, "text/csv"));

        ExecutionEvent again = awaitEvent(id, Status.COMPLETED, e -> !e.eventId().equals(first.eventId()));
        assertThat(again.result()).isEqualTo(first.result());
        // Said again when the job began too: its start, quick as it was, was never announced.
        assertThat(again.startedAt()).isNotNull().isBeforeOrEqualTo(first.startedAt());
    }

    @Test
    void aMalformedCsvFailsTheJobWithAPreciseCode() throws Exception {
        String id = store("bad.csv", "a,b\n1,2\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id, "text/csv"));

        ExecutionEvent failed = awaitEvent(id, Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("malformed_csv");
        assertThat(failed.error().message()).contains("Line 3");
    }

    @Test
    void aDocumentOfATypeNotAnalysedFailsAsUnsupported() throws Exception {
        String id = store("x.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id, "image/png"));

        assertThat(awaitEvent(id, Status.FAILED).error().code()).isEqualTo("unsupported_file_type");
    }

    @Test
    void aRequestOfAnErasedUserIsNotRun() throws Throwable {
        String user = "gone-" + UUID.randomUUID();
        kafka.send(Topics.USER_EVENTS, user, new UserDeleted(user, Instant.now()));
        await().atMost(WAIT).until(() -> isErased(user));

        String id = storeFor(user, "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id, user, "text/csv"));
        String marker = storeFor("u1", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(marker, "u1", "text/csv")); // same partition, after
        awaitEvent(marker, Status.COMPLETED);

        assertThatThrownBy(() -> kafka.awaitRecord(Topics.EXECUTION_EVENTS, r -> r.value().contains(id),
                Duration.ofSeconds(1))).isInstanceOf(AssertionError.class);
        assertThat(job(id)).isNull();
    }

    @Test
    void aJobWhoseUserIsErasedWhileItRunsLeavesNothingBehind() throws Throwable {
        String user = "leaving-" + UUID.randomUUID();
        StringBuilder csv = new StringBuilder("day,region,units,price\n");
        for (int i = 0; csv.length() < 8_000_000; i++) {
            csv.append("2026-").append(i % 12 + 1).append("-").append(i % 28 + 1).append(",r").append(i % 7)
                    .append(',').append(i % 100).append(',').append(i % 997 / 10.0).append('\n');
        }
        String id = storeFor(user, csv.toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(Topics.WORKFLOW_DOCUMENT_ANALYTICS, id, request(id, user, "text/csv"));
        awaitEvent(id, Status.STARTED);
        kafka.send(Topics.USER_EVENTS, user, new UserDeleted(user, Instant.now()));
        await().atMost(WAIT).until(() -> isErased(user));
        // Documents are analysed several at once and in any order: a later record's end says nothing of this one's.
        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.inFlight() == 0);

        assertThatThrownBy(() -> kafka.awaitRecord(Topics.EXECUTION_EVENTS,
                r -> r.value().contains(id) && r.value().contains("COMPLETED"), Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class);
        assertThat(job(id)).isNull();
        assertThat(blobs.list("reports/" + user + "/")).isEmpty();
    }

    private static boolean isErased(String user) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                    () -> ErasedUser.findById(user))) != null;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static AnalyticsJob job(String id) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> AnalyticsJob.<AnalyticsJob>findById(UUID.fromString(id))));
    }

    /** Stores a document of user u1 (the name says what it holds); returns the job id it is stored under. */
    private String store(String name, byte[] content) throws Exception {
        return storeFor("u1", content);
    }

    private String storeFor(String user, byte[] content) throws Exception {
        String id = UUID.randomUUID().toString();
        blobs.put("uploads/" + user + "/" + id + "/document", new ByteArrayInputStream(content));
        return id;
    }

    private static AnalyzeDocument request(String id, String contentType) {
        return request(id, "u1", contentType);
    }

    private static AnalyzeDocument request(String id, String user, String contentType) {
        return new AnalyzeDocument(id, user, "free", "uploads/" + user + "/" + id + "/document", "data.csv",
                contentType, 100, List.of("statistical"), new AnalyzeDocument.Output("pdf", "download", null, null),
                null);
    }

    private ExecutionEvent awaitEvent(String id, Status status) {
        return awaitEvent(id, status, e -> true);
    }

    private ExecutionEvent awaitEvent(String id, Status status, java.util.function.Predicate<ExecutionEvent> also) {
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.EXECUTION_EVENTS, r -> {
            ExecutionEvent e = read(r.value());
            return id.equals(r.key()) && e.status() == status && also.test(e);
        }, WAIT);
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo(read(record.value()).type());
        return read(record.value());
    }

    private static ExecutionEvent read(String json) {
        try {
            return EventJson.mapper().readValue(json, ExecutionEvent.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The full result the summary in a completed event names. */
    private JsonNode detail(ExecutionEvent completed) throws Exception {
        try (var in = blobs.open(completed.result().get("detail").get("key").asText()).orElseThrow()) {
            return EventJson.mapper().readTree(in);
        }
    }

    private static JsonNode column(JsonNode result, String name) {
        for (JsonNode c : result.get("tables").get(0).get("columns")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name);
    }
}
