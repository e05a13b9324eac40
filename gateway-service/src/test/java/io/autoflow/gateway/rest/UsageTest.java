package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.autoflow.gateway.StoredFiles;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.WatchedBlobStore;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class UsageTest {

    @Inject
    ApiKeys apiKeys;

    @Inject
    WatchedBlobStore blobs;

    @ConfigProperty(name = "autoflow.blob.dir")
    Path blobDir;

    @Inject
    Pool db;

    /** Requests are written within seconds, not one write each; those of a user erased meanwhile are dropped. */
    @Test
    void requestsReachTheTableWithinSecondsAndAnErasedUsersAreDropped() throws Throwable {
        TestUsers user = TestUsers.create(apiKeys, "free");
        TestUsers gone = TestUsers.create(apiKeys, "free");
        for (int i = 0; i < 5; i++) {
            given().header("X-API-Key", user.key()).get("/api/me/api-keys").then().statusCode(200);
            given().header("X-API-Key", gone.key()).get("/api/me/api-keys").then().statusCode(200);
        }
        given().header("X-API-Key", gone.key()).delete("/api/me").then().statusCode(204);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> requestsWritten(user) == 5);
        assertThat(requestsWritten(gone)).as("no row outlives its user").isZero();
        given().header("X-API-Key", user.key()).get("/api/me/usage").then().statusCode(200)
                .body("today.requests", is(6));
    }

    private long requestsWritten(TestUsers user) {
        var rows = db.preparedQuery("SELECT coalesce(sum(requests), 0) FROM gateway.usage_metrics WHERE user_id = $1")
                .execute(Tuple.of(user.user().id)).await().atMost(Duration.ofSeconds(5));
        return rows.iterator().next().getLong(0);
    }

    @Test
    void requestsUploadsAndJobsAreCountedPerUserAndDay() throws Throwable {
        TestUsers user = TestUsers.create(apiKeys, "free");
        TestUsers other = TestUsers.create(apiKeys, "free");
        byte[] csv = "region,units\nEast,3\nWest,4\n".getBytes();
        given().header("X-API-Key", user.key()).multiPart("file", "a.csv", csv, "text/csv")
                .post("/api/analytics/document").then().statusCode(202);
        given().header("X-API-Key", user.key()).get("/api/me/api-keys").then().statusCode(200);
        given().header("X-API-Key", other.key()).get("/api/me/api-keys").then().statusCode(200);

        // This request is the third of the day.
        given().header("X-API-Key", user.key()).get("/api/me/usage").then().statusCode(200)
                .body("tier", is("free"))
                .body("limits.requests_per_day", is(100))
                .body("limits.max_file_bytes", is(65536))
                .body("today.day", is(LocalDate.now(ZoneOffset.UTC).toString()))
                .body("today.requests", is(3))
                .body("today.jobs", is(1))
                .body("today.bytes_uploaded", is(csv.length))
                .body("processing_available", is(false)) // the orchestrator is not running in this test
                .body("storage_available", is(true))
                .body("stored_bytes", is((int) StoredFiles.bytesOnDisk(blobDir, "uploads/" + user.user().id + "/")))
                .body("days.size()", is(1));
        given().header("X-API-Key", other.key()).get("/api/me/usage").then().statusCode(200)
                .body("today.requests", is(2)).body("today.jobs", is(0));
        // A window out of range is refused and named, not clamped.
        for (String days : new String[] {"0", "367", "abc", "1.5"}) {
            given().header("X-API-Key", other.key()).queryParam("days", days).get("/api/me/usage").then()
                    .statusCode(400).body("code", is("invalid_request")).body("param", is("days"));
        }
        given().header("X-API-Key", other.key()).queryParam("days", 366).get("/api/me/usage").then()
                .statusCode(200);
    }

    /** The caller's files in every area count, as they are kept; another user's never do, nor a store outage. */
    @Test
    void theCallersStoredBytesAreTheirFilesAsKept() throws Throwable {
        TestUsers user = TestUsers.create(apiKeys, "pro");
        TestUsers other = TestUsers.create(apiKeys, "pro");
        given().header("X-API-Key", user.key()).get("/api/me/usage").then().statusCode(200)
                .body("stored_bytes", is(0)).body("storage_available", is(true));

        String id = user.user().id.toString();
        put("uploads/" + id + "/job-1/document", 20_000);
        put("reports/" + id + "/job-1/report.pdf", 3_000);
        put("reports/" + id + "/job-1/chart-1.png", 1_500);
        put("automations/" + id + "/job-2/response.json", 800);
        put("transforms/" + id + "/job-3/data.xlsx", 5_000);
        put("uploads/" + other.user().id + "/job-4/document", 9_000);
        long expected = 0;
        for (String area : new String[] {"uploads", "reports", "automations", "transforms"}) {
            expected += StoredFiles.bytesOnDisk(blobDir, area + "/" + id + "/");
        }
        assertThat(expected).isGreaterThan(30_300); // every file, with its encryption's few bytes more

        given().header("X-API-Key", user.key()).get("/api/me/usage").then().statusCode(200)
                .body("stored_bytes", is((int) expected)).body("storage_available", is(true));

        // The store refusing: the rest of the answer still comes, saying the figure is missing.
        blobs.failAlways(id, new IOException("S3 refused the request: 403 AccessDenied"));
        try {
            given().header("X-API-Key", user.key()).get("/api/me/usage").then().statusCode(200)
                    .body("stored_bytes", is(0)).body("storage_available", is(false)).body("tier", is("pro"))
                    .body("today.requests", is(3));
        } finally {
            blobs.heal();
        }
    }

    private void put(String key, int bytes) throws IOException {
        blobs.put(key, new ByteArrayInputStream(new byte[bytes]));
    }
}
