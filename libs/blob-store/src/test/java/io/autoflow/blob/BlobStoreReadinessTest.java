package io.autoflow.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness on a real S3 server stopped and started again, and on a directory that cannot be written. */
class BlobStoreReadinessTest {

    private static final BlobEncryption KEYS = BlobStoreContract.KEYS;

    @TempDir
    Path objects;

    @TempDir
    Path files;

    @Test
    void aServiceIsNotReadyWhileItsBucketIsAwayAndReadyOnceItIsBack() throws Exception {
        S3ProxyServer server = S3ProxyServer.start(objects);
        int port = server.port();
        try (var admin = server.settings("any").newClient()) {
            admin.createBucket(r -> r.bucket("files"));
        }
        try (S3BlobStore store = new S3BlobStore(server.settings("files").newClient(), "files", KEYS)) {
            BlobStoreReadiness readiness = new BlobStoreReadiness(store, Duration.ZERO);
            assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

            server.close();
            long started = System.nanoTime();
            HealthCheckResponse away = readiness.call();
            assertThat(away.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(away.getData().orElseThrow().get("error").toString())
                    .startsWith("S3 could not reach the bucket files");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));

            server = S3ProxyServer.start(objects, port);
            assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        } finally {
            server.close();
        }
    }

    @Test
    void aMissingBucketOrRefusedCredentialsAreNotReadyAndSayWhy() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.start(objects);
                S3BlobStore missing = new S3BlobStore(server.settings("no-such-bucket").newClient(),
                        "no-such-bucket", KEYS);
                S3BlobStore refused = new S3BlobStore(new S3Settings(Optional.of(server.endpoint()),
                        Optional.of("us-east-1"), "files", true, Optional.of(S3ProxyServer.ACCESS_KEY),
                        Optional.of("wrong-secret")).newClient(), "files", KEYS)) {
            HealthCheckResponse noBucket = new BlobStoreReadiness(missing, Duration.ZERO).call();
            assertThat(noBucket.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(noBucket.getData().orElseThrow().get("error").toString()).contains("404");
            HealthCheckResponse noEntry = new BlobStoreReadiness(refused, Duration.ZERO).call();
            assertThat(noEntry.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(noEntry.getData().orElseThrow().get("error").toString()).contains("403");
        }
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsNotReadyAndLeavesNothingBehindWhenItCan() throws Exception {
        Path root = files.resolve("blobs");
        BlobStoreReadiness readiness = new BlobStoreReadiness(new FileSystemBlobStore(root, KEYS), Duration.ZERO);
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        try (var left = Files.list(root)) {
            assertThat(left).isEmpty();
        }

        // What a volume that went away looks like even to root, who may write into any directory: no directory.
        Files.delete(root);
        Files.writeString(root, "not a directory");
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        Files.delete(root);
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void oneProbesAnswerStandsForTheTimeItIsKept() throws Exception {
        S3ProxyServer server = S3ProxyServer.start(objects);
        try (var admin = server.settings("any").newClient()) {
            admin.createBucket(r -> r.bucket("files"));
        }
        try (S3BlobStore store = new S3BlobStore(server.settings("files").newClient(), "files", KEYS)) {
            BlobStoreReadiness readiness = new BlobStoreReadiness(store, Duration.ofMinutes(1));
            assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            server.close();
            assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        }
    }
}
