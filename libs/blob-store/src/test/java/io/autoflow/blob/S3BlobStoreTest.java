package io.autoflow.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The contract on a real S3 server (s3proxy), each test in a bucket of its own; and how S3's failures surface. */
class S3BlobStoreTest extends BlobStoreContract {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    static Path objects;
    static S3ProxyServer server;
    /** Reads what the bucket really holds, past the store. */
    static S3Client raw;

    private final List<S3BlobStore> stores = new ArrayList<>();
    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.start(objects);
        raw = server.settings("any").newClient();
    }

    @AfterAll
    static void stopServer() throws Exception {
        raw.close();
        server.close();
    }

    @BeforeEach
    void newBucket() {
        bucket = "test-" + BUCKETS.incrementAndGet();
        raw.createBucket(r -> r.bucket(bucket));
    }

    @AfterEach
    void closeStores() {
        stores.forEach(S3BlobStore::close);
    }

    @Override
    BlobStore store(BlobEncryption encryption) {
        S3BlobStore store = new S3BlobStore(server.settings(bucket).newClient(), bucket, encryption);
        stores.add(store);
        return store;
    }

    @Override
    byte[] storedBytes(String key) {
        return raw.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    void assertNothingHalfWritten() {
        assertThat(raw.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
    }

    /** Folder markers, as S3 consoles make them, are no blobs: neither listed nor counted. */
    @Test
    void folderMarkersAreNeitherListedNorCounted() throws Exception {
        BlobStore store = store();
        store.put("uploads/u1/j/document", stream("abc"));
        raw.putObject(r -> r.bucket(bucket).key("uploads/u1/"), RequestBody.empty());
        raw.putObject(r -> r.bucket(bucket).key("uploads/u2/"), RequestBody.empty());

        List<String> sized = new ArrayList<>();
        store.eachStoredSize("uploads/", (key, bytes) -> sized.add(key));
        assertThat(sized).containsExactly("uploads/u1/j/document");
        assertThat(store.list("uploads/")).containsExactly("uploads/u1/j/document");
        assertThat(store.storedBytes("uploads/")).isEqualTo(storedBytes("uploads/u1/j/document").length);
    }

    @Test
    void refusedCredentialsAreALastingFault() {
        S3Settings wrong = new S3Settings(Optional.of(server.endpoint()), Optional.of("us-east-1"), bucket, true,
                Optional.of(S3ProxyServer.ACCESS_KEY), Optional.of("not-the-secret"));
        try (S3BlobStore store = new S3BlobStore(wrong.newClient(), bucket, KEYS)) {
            assertThatThrownBy(() -> store.put("a/b", stream("x"))).isInstanceOf(IOException.class)
                    .isNotInstanceOf(BlobStoreUnavailableException.class).hasMessageContaining("403");
            assertThatThrownBy(() -> store.open("a/b")).isInstanceOf(IOException.class)
                    .isNotInstanceOf(BlobStoreUnavailableException.class).hasMessageContaining("403");
        }
    }

    @Test
    void aMissingBucketIsALastingFaultNotAMissingBlob() {
        try (S3BlobStore store = new S3BlobStore(server.settings("no-such-bucket").newClient(), "no-such-bucket",
                KEYS)) {
            assertThatThrownBy(() -> store.open("a/b")).isInstanceOf(IOException.class)
                    .isNotInstanceOf(BlobStoreUnavailableException.class).hasMessageContaining("NoSuchBucket");
            assertThatThrownBy(() -> store.list("a/")).isInstanceOf(IOException.class)
                    .isNotInstanceOf(BlobStoreUnavailableException.class);
        }
    }

    @Test
    void aStoreNobodyAnswersAtIsUnavailableForNow() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Settings nowhere = new S3Settings(Optional.of(URI.create("http://127.0.0.1:" + closedPort)),
                Optional.of("us-east-1"), bucket, true, Optional.of("a"), Optional.of("b"));
        try (S3BlobStore store = new S3BlobStore(nowhere.newClient(), bucket, KEYS)) {
            assertThatThrownBy(() -> store.put("a/b", stream("x"))).isInstanceOf(BlobStoreUnavailableException.class)
                    .hasRootCauseInstanceOf(java.net.ConnectException.class);
            assertThatThrownBy(() -> store.open("a/b")).isInstanceOf(BlobStoreUnavailableException.class);
        }
    }

    /** A busy S3 answers 503 SlowDown: the SDK tries 3 times, then it is unavailable for now, not a fault. */
    @Test
    void throttlingIsRetriedByTheSdkThenUnavailableForNow() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer busy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        busy.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                    + "<Message>Please reduce your request rate.</Message></Error>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        busy.start();
        S3Settings settings = new S3Settings(Optional.of(URI.create("http://127.0.0.1:" + busy.getAddress().getPort())),
                Optional.of("us-east-1"), bucket, true, Optional.of("a"), Optional.of("b"));
        try (S3BlobStore store = new S3BlobStore(settings.newClient(), bucket, KEYS)) {
            assertThatThrownBy(() -> store.open("a/b")).isInstanceOf(BlobStoreUnavailableException.class)
                    .hasMessageContaining("SlowDown");
            assertThat(requests).hasValue(3);
        } finally {
            busy.stop(0);
        }
    }
}
