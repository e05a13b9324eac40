package io.autoflow.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoflow.gateway.StoredFiles;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.WatchedBlobStore;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.autoflow.testsupport.MetricsScrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The gauges of users by tier and of storage on /q/metrics, as Prometheus reads them, against what the test put in a
 * blob store of its own (a fresh directory) and what the users table holds; and a store outage keeping the last
 * figures.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@TestProfile(StorageMetricsTest.FreshStoreMeasuredOften.class)
class StorageMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    public static class FreshStoreMeasuredOften implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Profile-specific, or the "%test" value of libs/service-base (target/blobs) would win.
            return Map.of("%test.autoflow.blob.dir", "target/storage-metrics-" + UUID.randomUUID(),
                    "autoflow.storage.capacity", "1G",
                    "autoflow.metrics.storage-every", "1s", "autoflow.metrics.users-every", "1s");
        }
    }

    @ConfigProperty(name = "autoflow.blob.dir")
    Path blobDir;

    @Inject
    WatchedBlobStore blobs;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Pool db;

    @Test
    void storageIsMeasuredInTotalAndAsADistributionOverUsersAgainstTheCapacity() throws Exception {
        // Ten users holding 1 to 10 KB of documents; the first three also a report, an API answer, a converted file.
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String user = UUID.randomUUID().toString();
            users.add(user);
            put("uploads/" + user + "/job-" + i + "/document", i * 1000);
            if (i <= 3) {
                put("reports/" + user + "/job-" + i + "/report.pdf", 700);
                put("automations/" + user + "/job-" + i + "/response.json", 300);
                put("transforms/" + user + "/job-" + i + "/data.json", 200);
            }
        }
        put("uploads/stray", 50); // under no user: in the total only
        Map<String, Long> perUser = new HashMap<>();
        for (String user : users) {
            perUser.put(user, onDisk(user));
        }
        long total = perUser.values().stream().mapToLong(Long::longValue).sum() + StoredFiles.bytesOnDisk(blobDir,
                "uploads/stray");
        long[] sorted = perUser.values().stream().mapToLong(Long::longValue).sorted().toArray();
        assertThat(sorted[9]).as("the largest user: 10 KB of document, encrypted").isGreaterThan(10_000);

        MetricsScrape measured = awaitStorage(total);
        assertThat(measured.value("autoflow_storage_users")).isEqualTo(10);
        // Nearest rank over ten users: the 5th, the 9th, the 10th, the 10th.
        assertThat(measured.value("autoflow_storage_per_user_bytes", "quantile", "0.5")).isEqualTo(sorted[4]);
        assertThat(measured.value("autoflow_storage_per_user_bytes", "quantile", "0.9")).isEqualTo(sorted[8]);
        assertThat(measured.value("autoflow_storage_per_user_bytes", "quantile", "0.99")).isEqualTo(sorted[9]);
        assertThat(measured.value("autoflow_storage_per_user_bytes", "quantile", "1")).isEqualTo(sorted[9]);
        assertThat(measured.value("autoflow_storage_capacity_bytes")).isEqualTo(1024.0 * 1024 * 1024);
        assertThat(measured.samples()).filteredOn(s -> s.name().startsWith("autoflow_storage"))
                .as("no user id as a label").allMatch(s -> users.stream().noneMatch(s.labels()::containsValue));

        // The store away: walks fail and the figures stay as they were; back, the new file counts.
        int failuresBefore = blobs.failures();
        blobs.failAlways("reports/", new IOException("S3 refused the request: 403 AccessDenied"));
        try {
            put("uploads/" + users.get(0) + "/job-late/document", 4000);
            await().atMost(WAIT).until(() -> blobs.failures() >= failuresBefore + 2);
            assertThat(MetricsScrape.now().value("autoflow_storage_used_bytes")).isEqualTo(total);
        } finally {
            blobs.heal();
        }
        awaitStorage(total + StoredFiles.bytesOnDisk(blobDir, "uploads/" + users.get(0) + "/job-late/"));
    }

    @Test
    void usersAreCountedByTierWithAnyOtherTierAsOther() throws Throwable {
        TestUsers.create(apiKeys, "free");
        TestUsers.create(apiKeys, "pro");
        TestUsers.create(apiKeys, "pro");
        TestUsers.create(apiKeys, "enterprise");
        TestUsers legacy = TestUsers.create(apiKeys, "free");
        db.preparedQuery("UPDATE gateway.users SET tier = 'legacy-gold' WHERE id = $1")
                .execute(Tuple.of(legacy.user().id)).await().atMost(WAIT);

        Map<String, Long> expected = new HashMap<>(Map.of("free", 0L, "pro", 0L, "enterprise", 0L, "other", 0L));
        for (Row row : db.query("SELECT tier, count(*) FROM gateway.users GROUP BY tier").execute().await()
                .atMost(WAIT)) {
            expected.merge(expected.containsKey(row.getString(0)) ? row.getString(0) : "other", row.getLong(1),
                    Long::sum);
        }
        assertThat(expected.get("pro")).isGreaterThanOrEqualTo(2);
        assertThat(expected.get("other")).isGreaterThanOrEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> {
            MetricsScrape metrics = MetricsScrape.now();
            assertThat(metrics.samples()).filteredOn(s -> s.name().equals("autoflow_users"))
                    .extracting(s -> s.labels().get("tier"))
                    .containsExactlyInAnyOrder("free", "pro", "enterprise", "other");
            expected.forEach((tier, count) -> assertThat(metrics.value("autoflow_users", "tier", tier)).as(tier)
                    .isEqualTo(count.doubleValue()));
        });
    }

    private MetricsScrape awaitStorage(long total) {
        MetricsScrape[] last = new MetricsScrape[1];
        await().atMost(WAIT).untilAsserted(() -> {
            last[0] = MetricsScrape.now();
            assertThat(last[0].value("autoflow_storage_used_bytes")).isEqualTo(total);
            // Each gauge reads the figures when scraped: a scrape during the first walk may show some still NaN.
            assertThat(last[0].samples()).filteredOn(s -> s.name().startsWith("autoflow_storage"))
                    .allMatch(s -> !Double.isNaN(s.value()));
        });
        return last[0];
    }

    private void put(String key, int bytes) throws IOException {
        blobs.put(key, new ByteArrayInputStream(new byte[bytes]));
    }

    private long onDisk(String user) throws IOException {
        long total = 0;
        for (String area : List.of("uploads", "reports", "automations", "transforms")) {
            total += StoredFiles.bytesOnDisk(blobDir, area + "/" + user + "/");
        }
        return total;
    }
}
