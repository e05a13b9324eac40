package io.autoflow.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Topics;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.Eicar;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Documents given by URL, served by a real HTTP server (WireMock) on loopback, which the test profile allows. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class UrlSubmissionTest {

    private static final WireMockServer SERVER = new WireMockServer(options().dynamicPort());

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    BlobStore blobs;

    private String key;

    @BeforeAll
    static void startServer() {
        SERVER.start();
    }

    @AfterAll
    static void stopServer() {
        SERVER.stop();
    }

    @BeforeEach
    void setUp() throws Throwable {
        key = TestUsers.create(apiKeys, "free").key();
    }

    @Test
    void downloadsTheDocumentChecksItAndQueuesTheJob() throws Exception {
        byte[] csv = resource("/sales.csv");
        SERVER.stubFor(get(urlEqualTo("/exports/q1%20sales.csv?token=abc"))
                .willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody(csv)));

        String jobId = submit("{\"file\":\"" + SERVER.baseUrl() + "/exports/q1%20sales.csv?token=abc\","
                + "\"analysis\":{\"trends\":true}}").statusCode(202).body("status", is("queued"))
                .extract().path("job_id");

        ConsumerRecord<String, String> record = new KafkaTestClient(bootstrapServers)
                .awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), Duration.ofSeconds(20));
        AnalyzeDocument parameters = EventJson.mapper().convertValue(
                EventJson.mapper().readValue(record.value(), IntentParsed.class).parameters(), AnalyzeDocument.class);
        assertThat(parameters.fileName()).isEqualTo("q1 sales.csv");
        assertThat(parameters.contentType()).isEqualTo("text/csv"); // sniffed, not the server's octet-stream
        assertThat(parameters.sizeBytes()).isEqualTo(csv.length);
        assertThat(parameters.analyses()).containsExactly("trends");
        try (InputStream stored = blobs.open(parameters.blobKey()).orElseThrow()) {
            assertThat(stored.readAllBytes()).isEqualTo(csv);
        }
    }

    @Test
    void refusesUrlsThatReachInsideTheNetworkAlsoThroughARedirect() {
        SERVER.stubFor(get(urlEqualTo("/to-metadata")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/")));
        SERVER.stubFor(get(urlEqualTo("/to-private")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://10.0.0.7:8080/admin")));
        SERVER.stubFor(get(urlEqualTo("/to-octal")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://0177.0.0.1:" + SERVER.port() + "/exports/q1%20sales.csv")));

        for (String url : new String[] {"http://169.254.169.254/latest/meta-data/", "http://192.168.1.1/a.csv",
                "http://[fd00:ec2::254]/", "http://[::ffff:10.0.0.1]/a.csv", "http://0.0.0.0:8080/",
                SERVER.baseUrl() + "/to-metadata", SERVER.baseUrl() + "/to-private", SERVER.baseUrl() + "/to-octal",
                "http://0177.0.0.1/a.csv", "http://0x7f000001/a.csv", "http://2130706433/a.csv",
                "http://127.1/a.csv", "http://1.1.1.1./a.csv", "file:///etc/passwd",
                "ftp://example.com/a.csv", "not a url", "http://user:pw@example.com/a.csv"}) {
            submit("{\"file\":\"" + url + "\"}").statusCode(422).body("code", is("url_not_allowed"));
        }
        // Loopback is allowed in tests, but no spelling of it that readers disagree on.
        submit("{\"file\":\"http://0177.0.0.1/a.csv\"}").statusCode(422).body("message", is("The URL cannot be"
                + " fetched: its host 0177.0.0.1 is an ambiguous IPv4 address (write it as four decimal numbers)"));
    }

    @Test
    void stopsADownloadOnceItPassesTheTierLimitWithOrWithoutADeclaredLength() throws Exception {
        byte[] big = new byte[200_000]; // the free tier allows 64 KiB in tests
        java.util.Arrays.fill(big, (byte) 'a');
        SERVER.stubFor(get(urlEqualTo("/big.csv")).willReturn(aResponse().withBody(big)));
        SERVER.stubFor(get(urlEqualTo("/big-chunked.csv")).willReturn(aResponse().withBody(big)
                .withChunkedDribbleDelay(20, 200)));
        long tempFiles = downloadsLeftBehind();

        submit("{\"file\":\"" + SERVER.baseUrl() + "/big.csv\"}").statusCode(413).body("code", is("file_too_large"));
        submit("{\"file\":\"" + SERVER.baseUrl() + "/big-chunked.csv\"}").statusCode(413)
                .body("code", is("file_too_large"));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> downloadsLeftBehind() == tempFiles);
    }

    @Test
    void saysWhyADownloadFailed() {
        SERVER.stubFor(get(urlEqualTo("/gone.csv")).willReturn(aResponse().withStatus(404)));
        SERVER.stubFor(get(urlEqualTo("/slow.csv")).willReturn(aResponse().withBody("a\n1\n").withFixedDelay(6000)));
        SERVER.stubFor(get(urlEqualTo("/infected.csv")).willReturn(aResponse().withBody(Eicar.bytes())));

        submit("{\"file\":\"" + SERVER.baseUrl() + "/gone.csv\"}").statusCode(422).body("code", is("url_fetch_failed"));
        submit("{\"file\":\"http://no-such-host.invalid/a.csv\"}").statusCode(422)
                .body("code", is("url_unreachable"))
                .body("message", is("The host no-such-host.invalid does not resolve"));
        submit("{\"file\":\"http://127.0.0.1:1/a.csv\"}").statusCode(422).body("code", is("url_fetch_failed"));
        submit("{\"file\":\"" + SERVER.baseUrl() + "/slow.csv\"}").statusCode(504)
                .body("code", is("url_fetch_timeout"));
        submit("{\"file\":\"" + SERVER.baseUrl() + "/infected.csv\"}").statusCode(422)
                .body("code", is("malware_detected"));
        submit("{\"analysis\":{}}").statusCode(400).body("code", is("missing_file"));
        submit("{\"file\":\"http://a.example/x.csv\",\"file_url\":\"http://b.example/y.csv\"}").statusCode(400)
                .body("code", is("invalid_request"));
    }

    private ValidatableResponse submit(String json) {
        return given().header("X-API-Key", key).contentType("application/json").body(json)
                .post("/api/analytics/document").then();
    }

    private static long downloadsLeftBehind() throws Exception {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("autoflow-url-")).count();
        }
    }

    private static byte[] resource(String path) throws Exception {
        try (InputStream in = UrlSubmissionTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }
}
