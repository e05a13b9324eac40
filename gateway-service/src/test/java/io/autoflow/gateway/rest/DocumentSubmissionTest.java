package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.Topics;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.domain.User;
import io.autoflow.gateway.service.JobOutbox;
import io.autoflow.gateway.service.Jobs;
import io.autoflow.testsupport.Eicar;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class DocumentSubmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    BlobStore blobs;

    @Inject
    JobOutbox outbox;

    @Inject
    Jobs jobs;

    @ConfigProperty(name = "autoflow.blob.dir")
    String blobDir;

    private KafkaTestClient kafka;
    private String key;
    private User user;

    @BeforeEach
    void setUp() throws Throwable {
        kafka = new KafkaTestClient(bootstrapServers);
        TestUsers created = TestUsers.create(apiKeys, "free");
        key = created.key();
        user = created.user();
    }

    @Test
    void acceptsACsvStoresItAndPublishesItsIntent() throws Exception {
        byte[] csv = resource("/sales.csv");

        String jobId = given().header("X-API-Key", key)
                .multiPart("file", "sales.csv", csv, "text/csv")
                .multiPart("request", "{\"analysis\":{\"statistical\":true},\"output\":{\"format\":\"pdf\"}}",
                        "application/json")
                .post("/api/analytics/document")
                .then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.containsString("/api/jobs/"))
                .body("status", is("queued"))
                .body("estimated_time", greaterThan(0))
                .extract().path("job_id");

        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), WAIT);
        IntentParsed intent = EventJson.mapper().readValue(record.value(), IntentParsed.class);
        assertThat(intent.intent()).isEqualTo(Intents.DOCUMENT_ANALYTICS);
        assertThat(intent.userId()).isEqualTo(user.id.toString());
        assertThat(intent.tier()).isEqualTo("free");
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo(IntentParsed.TYPE);
        AnalyzeDocument parameters = EventJson.mapper().convertValue(intent.parameters(), AnalyzeDocument.class);
        assertThat(parameters.fileName()).isEqualTo("sales.csv");
        assertThat(parameters.sizeBytes()).isEqualTo(csv.length);
        assertThat(parameters.analyses()).containsExactly("statistical");
        assertThat(parameters.output().format()).isEqualTo("pdf");
        try (InputStream stored = blobs.open(parameters.blobKey()).orElseThrow()) {
            assertThat(stored.readAllBytes()).isEqualTo(csv);
        }
        // Encrypted at rest: the file on disk holds none of the document's text.
        byte[] onDisk = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(blobDir, parameters.blobKey()));
        assertThat(new String(onDisk, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("AFE1")
                .doesNotContain("region").doesNotContain("revenue");
        awaitPublished(UUID.fromString(jobId));
    }

    @Test
    void acceptsAnXlsxWorkbookAsSuch() throws Exception {
        String jobId = submit("Book1.xlsx", resource("/xlsx/Book1.xlsx"), null).statusCode(202).extract().path("job_id");

        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), WAIT);
        IntentParsed intent = EventJson.mapper().readValue(record.value(), IntentParsed.class);
        assertThat(intent.parameters().get("contentType").asText())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    @Test
    void anEmailDeliveryGoesToTheCallersOwnAddressUnlessAnotherIsGivenAndAWebhookKeepsItsUrl() throws Exception {
        assertThat(outputOf(submit("a.csv", "a\n1\n".getBytes(), "{\"output\":{\"delivery\":\"email\"}}")))
                .isEqualTo(new AnalyzeDocument.Output("pdf", "email", user.email, null));
        assertThat(outputOf(submit("a.csv", "a\n1\n".getBytes(),
                "{\"output\":{\"format\":\"excel\",\"delivery\":\"email\",\"email\":\"boss@corp.com\"}}")))
                .isEqualTo(new AnalyzeDocument.Output("excel", "email", "boss@corp.com", null));
        assertThat(outputOf(submit("a.csv", "a\n1\n".getBytes(),
                "{\"output\":{\"delivery\":\"webhook\",\"webhook_url\":\"https://hooks.example.com/af\"}}")))
                .isEqualTo(new AnalyzeDocument.Output("pdf", "webhook", null, "https://hooks.example.com/af"));
    }

    private AnalyzeDocument.Output outputOf(io.restassured.response.ValidatableResponse accepted) throws Exception {
        String jobId = accepted.statusCode(202).extract().path("job_id");
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), WAIT);
        IntentParsed intent = EventJson.mapper().readValue(record.value(), IntentParsed.class);
        return EventJson.mapper().convertValue(intent.parameters(), AnalyzeDocument.class).output();
    }

    @Test
    void refusesRequestsWithoutAValidKey() {
        given().multiPart("file", "a.csv", "a\n1\n".getBytes()).post("/api/analytics/document")
                .then().statusCode(401).body("code", is("missing_credentials"));
        given().header("X-API-Key", "af_not_a_key").get("/api/jobs")
                .then().statusCode(401).body("code", is("invalid_api_key")).body("message", notNullValue());
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void refusesBadDocumentsWithClearCodes() {
        submit("big.csv", new byte[70_000], null).statusCode(413).body("code", is("file_too_large"))
                .body("details.max_bytes", is(65536));
        submit("empty.csv", new byte[0], null).statusCode(400).body("code", is("empty_file"));
        submit("x.csv", new byte[] {'P', 'K', 3, 4, 0, 0, 1}, null).statusCode(415)
                .body("code", is("file_type_mismatch"));
        submit("x.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0}, null).statusCode(415)
                .body("code", is("unsupported_file_type"));
        submit("a.csv", "a\n1\n".getBytes(), "{not json").statusCode(400).body("code", is("invalid_request"));
        submit("a.csv", "a\n1\n".getBytes(), "{\"output\":{\"format\":\"docx\"}}").statusCode(422)
                .body("code", is("invalid_output_format"));
        submit("a.csv", "a\n1\n".getBytes(), "{\"output\":{\"delivery\":\"email\",\"email\":\"not-an-address\"}}")
                .statusCode(422).body("code", is("invalid_email"));
        submit("a.csv", "a\n1\n".getBytes(), "{\"output\":{\"delivery\":\"webhook\"}}")
                .statusCode(422).body("code", is("missing_webhook_url"));
        submit("a.csv", "a\n1\n".getBytes(), "{\"output\":{\"delivery\":\"webhook\",\"webhook_url\":"
                + "\"http://169.254.169.254/latest/meta-data\"}}").statusCode(422).body("code", is("url_not_allowed"));
        for (String hook : new String[] {"http://0177.0.0.1/", "http://0x7f000001/", "http://127.1/"}) {
            submit("a.csv", "a\n1\n".getBytes(), "{\"output\":{\"delivery\":\"webhook\",\"webhook_url\":\"" + hook
                    + "\"}}").statusCode(422).body("code", is("url_not_allowed"))
                    .body("message", org.hamcrest.Matchers.containsString("ambiguous IPv4 address"));
        }
        submit("a.csv", "a\n1\n".getBytes(), "{\"output\":{\"delivery\":\"fax\"}}")
                .statusCode(422).body("code", is("invalid_delivery"));
        given().header("X-API-Key", key).multiPart("request", "{}").post("/api/analytics/document")
                .then().statusCode(400).body("code", is("missing_file"));
        // A text field named 'file' is not a document.
        given().header("X-API-Key", key).multiPart("file", "a,b\n1,2\n").post("/api/analytics/document")
                .then().statusCode(400).body("code", is("missing_file")).body("param", is("file"));
        given().header("X-API-Key", key).contentType("text/plain").body("x")
                .post("/api/analytics/document").then().statusCode(415).body("code", is("unsupported_media_type"));
    }

    @Test
    void refusesAnUploadLargerThanTheTierBeforeReadingItsBody() throws Exception {
        // Declares 100 MB (within the server-wide limit, far past the tier) and sends none of it: the answer can only come from the headers.
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/analytics/document HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-API-Key: " + key + "\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                    + "Content-Length: 100000000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder answer = new StringBuilder();
            InputStream in = socket.getInputStream();
            for (int c; answer.indexOf("}") < 0 && (c = in.read()) != -1;) {
                answer.append((char) c);
            }

            assertThat(answer).startsWith("HTTP/1.1 413").contains("\"code\":\"file_too_large\"");
        }
    }

    @Test
    void refusesMalwareAndStoresNothing() throws Throwable {
        byte[] csv = "name,value\nx,1\n".getBytes();
        byte[] infected = java.util.Arrays.copyOf(csv, csv.length + Eicar.bytes().length);
        System.arraycopy(Eicar.bytes(), 0, infected, csv.length, Eicar.bytes().length);

        submit("data.csv", infected, null).statusCode(422).body("code", is("malware_detected"));

        assertThat(java.nio.file.Path.of(blobDir, "uploads", user.id.toString())).doesNotExist();
        assertThat(VertxContextSupport.subscribeAndAwait(() -> jobs.newestFirst(user.id, 10, null))).isEmpty();
    }

    @Test
    void anotherUsersJobIsNotFound() throws Throwable {
        String jobId = submit("a.csv", "a\n1\n".getBytes(), null).statusCode(202).extract().path("job_id");
        String otherKey = ApiKeys.newKey();
        VertxContextSupport.subscribeAndAwait(() -> apiKeys.ensureUserWithKey("other-" + UUID.randomUUID()
                + "@example.com", "free", otherKey));

        given().header("X-API-Key", otherKey).get("/api/jobs/" + jobId).then().statusCode(404)
                .body("code", is("job_not_found"));
        given().header("X-API-Key", otherKey).get("/api/jobs/not-a-uuid").then().statusCode(404);
    }

    @Test
    void jobStatusNeedsTheOrchestratorAndSaysSoWhenItIsDown() {
        String jobId = submit("a.csv", "a\n1\n".getBytes(), null).statusCode(202).extract().path("job_id");

        given().header("X-API-Key", key).get("/api/jobs/" + jobId).then().statusCode(503)
                .body("code", is("orchestrator_unavailable"));
    }

    @Test
    void theOutboxSweeperPublishesAnIntentLeftUnpublished() throws Throwable {
        UUID jobId = UUID.randomUUID();
        Job job = new Job();
        job.id = jobId;
        job.userId = user.id;
        job.workflowType = Intents.DOCUMENT_ANALYTICS;
        job.createdAt = Instant.now().minusSeconds(60);
        job.intent = EventJson.write(new IntentParsed(jobId.toString(), user.id.toString(), "free",
                Intents.DOCUMENT_ANALYTICS, EventJson.mapper().createObjectNode(), job.createdAt));
        VertxContextSupport.subscribeAndAwait(() -> outbox.record(job));

        kafka.awaitRecord(Topics.INTENTS, r -> jobId.toString().equals(r.key()), WAIT);
        awaitPublished(jobId);
    }

    private io.restassured.response.ValidatableResponse submit(String name, byte[] content, String request) {
        var spec = given().header("X-API-Key", key).multiPart("file", name, content, "text/csv");
        if (request != null) {
            spec = spec.multiPart("request", request, "application/json");
        }
        return spec.post("/api/analytics/document").then();
    }

    private void awaitPublished(UUID jobId) {
        await().atMost(WAIT).until(() -> find(jobId).publishedAt != null);
    }

    private static Job find(UUID jobId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Job.<Job>findById(jobId)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String path) throws Exception {
        try (InputStream in = DocumentSubmissionTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
