package io.autoflow.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.blob.SignedLinks;
import io.autoflow.events.Intents;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.WatchedBlobStore;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.domain.Job;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reports and signed downloads are streamed from the blob store as they are sent, never read whole first: with the
 * client reading slowly, the gateway has read only a little more than the client took; a client that goes away gets
 * the store's stream closed. The store down is a 503 to retry, on both routes.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JobResultViewTest.Orchestrator.class)
class LargeDownloadTest {

    /** Far more than the gateway may read ahead (segments, socket buffers, Netty's queue), far less than the file. */
    private static final long SIZE = 96L << 20;
    private static final long READ_AHEAD_BOUND = 32L << 20;
    private static final int FIRST_PART = 1 << 20;

    WireMockServer orchestrator;

    @Inject
    ApiKeys apiKeys;

    @Inject
    WatchedBlobStore blobs;

    @Inject
    SignedLinks links;

    @TestHTTPResource("/")
    URI gateway;

    private String key;

    @AfterEach
    void cleanUp() throws IOException {
        blobs.heal();
        if (key != null) {
            blobs.delete(key);
        }
    }

    @Test
    void aLargeReportIsStreamedAsTheClientReadsIt() throws Throwable {
        TestUsers owner = TestUsers.create(apiKeys, "pro");
        UUID job = jobWithReport(owner);
        byte[] stored = storeLargeFile();

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                gateway.resolve("/api/jobs/" + job + "/report")).header("X-API-Key", owner.key()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"sales-report.pdf\"");

        MessageDigest downloaded = MessageDigest.getInstance("SHA-256");
        try (InputStream body = new DigestInputStream(response.body(), downloaded)) {
            assertThat(body.readNBytes(FIRST_PART)).hasSize(FIRST_PART);
            // The client pauses: the gateway stops reading the store once the connection's buffers are full.
            assertThat(readAheadWhenSettled()).isLessThan(READ_AHEAD_BOUND);
            assertThat(body.transferTo(OutputStream.nullOutputStream())).isEqualTo(SIZE - FIRST_PART);
        }
        assertThat(downloaded.digest()).isEqualTo(stored);
        assertThat(blobs.lastOpened(key).bytes()).isEqualTo(SIZE);
        awaitClosed();
    }

    @Test
    void aSignedDownloadIsStreamedAndItsStoreStreamClosedWhenTheClientGoesAway() throws Exception {
        key = "transforms/" + UUID.randomUUID() + "/" + UUID.randomUUID() + "/sales.csv";
        storeLargeFile();
        String token = links.token(key, "sales.csv", Instant.now().plusSeconds(60));

        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.getOutputStream().write(("GET /files/" + token + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertThat(in.readNBytes(FIRST_PART)).hasSize(FIRST_PART);
            assertThat(readAheadWhenSettled()).isLessThan(READ_AHEAD_BOUND);
        } // the client goes away in the middle of the file

        awaitClosed();
        assertThat(blobs.lastOpened(key).bytes()).isLessThan(SIZE);
    }

    @Test
    void theStoreDownIsA503ToRetryOnBothRoutesAndAReportNoLongerStoredIsA404() throws Throwable {
        TestUsers owner = TestUsers.create(apiKeys, "pro");
        UUID job = jobWithReport(owner);
        String token = links.token(key, "sales-report.pdf", Instant.now().plusSeconds(60));

        blobs.failNext(2, key);
        given().header("X-API-Key", owner.key()).get("/api/jobs/" + job + "/report").then().statusCode(503)
                .header("Retry-After", "5").body("code", is("storage_unavailable"));
        given().get("/files/" + token).then().statusCode(503).header("Retry-After", "5")
                .body("code", is("storage_unavailable"));

        given().header("X-API-Key", owner.key()).get("/api/jobs/" + job + "/report").then().statusCode(404)
                .body("code", is("report_not_available"));
        given().get("/files/" + token).then().statusCode(404).body("code", is("link_not_valid"));
    }

    /** A completed analysis of the owner's whose report is {@link #key} (not stored yet). */
    private UUID jobWithReport(TestUsers owner) throws Throwable {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.userId = owner.user().id;
        job.workflowType = Intents.DOCUMENT_ANALYTICS;
        job.fileName = "sales.csv";
        job.intent = "{}";
        job.createdAt = Instant.now();
        job.publishedAt = Instant.now();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(job::persist));
        key = "reports/" + owner.user().id + "/" + job.id + "/report.pdf";
        orchestrator.stubFor(get(urlPathEqualTo("/executions/" + job.id)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"job_id\":\"" + job.id + "\","
                        + "\"workflow_type\":\"" + Intents.DOCUMENT_ANALYTICS + "\",\"status\":\"completed\","
                        + "\"created_at\":\"2026-01-01T00:00:00Z\",\"attempt\":1,\"result\":{\"report\":"
                        + "{\"format\":\"pdf\",\"media_type\":\"application/pdf\",\"key\":\"" + key + "\"}}}")));
        return job.id;
    }

    /** Stores {@link #SIZE} pseudo-random bytes under {@link #key}, generated as they are written; their SHA-256. */
    private byte[] storeLargeFile() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        assertThat(blobs.put(key, new DigestInputStream(new RandomBytes(SIZE), digest))).isEqualTo(SIZE);
        return digest.digest();
    }

    /** How much the gateway has read from the store once it stops reading (the client is not reading meanwhile). */
    private long readAheadWhenSettled() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long read = -1;
        long now = currentReads();
        while (now != read && System.nanoTime() < deadline) {
            read = now;
            Thread.sleep(300);
            now = currentReads();
        }
        return now;
    }

    private long currentReads() {
        WatchedBlobStore.Reads reads = blobs.lastOpened(key);
        return reads == null ? 0 : reads.bytes();
    }

    private void awaitClosed() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!blobs.lastOpened(key).closed() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(blobs.lastOpened(key).closed()).as("the store's stream is closed").isTrue();
    }

    /** {@code size} reproducible pseudo-random bytes, made as they are read. */
    private static final class RandomBytes extends InputStream {
        private final SplittableRandom random = new SplittableRandom(42);
        private long left;

        RandomBytes(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int count = (int) Math.min(length, left);
            for (int i = 0; i < count; i += 8) {
                long bits = random.nextLong();
                for (int j = 0; j < 8 && i + j < count; j++) {
                    buffer[offset + i + j] = (byte) (bits >>> (8 * j));
                }
            }
            left -= count;
            return count;
        }
    }
}
