package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoflow.testsupport.HostileDocuments;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a worker's death does to the public API: while no analytics worker runs, submissions are refused with 503 and
 * Retry-After, and everything accepted completes once it is back; a document that keeps killing its worker fails
 * with worker_lost instead of being redelivered for ever, and the worker goes on with the next jobs.
 */
class WorkerFaultsEndToEndIT extends OnThePlatform {

    @Test
    void whileTheAnalyticsServiceIsDownSubmissionsGet503AndEveryAcceptedJobCompletesOnceItIsBack() throws Exception {
        byte[] sales = Platform.resource("/sales.csv");
        platform.analytics.kill();
        // Until Kafka notices the worker is gone (its session times out), submissions are still accepted and wait.
        List<String> accepted = new ArrayList<>();
        Response refused = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Response response = upload(sales, "sales.csv", "text/csv");
            if (response.statusCode() == 202) {
                accepted.add(response.path("job_id"));
            }
            return response;
        }, response -> response.statusCode() == 503);
        assertThat(refused.<String>path("code")).isEqualTo("service_unavailable");
        assertThat(refused.header("Retry-After")).isEqualTo("30");

        platform.analytics.start().awaitReady();
        for (String jobId : accepted) {
            JsonPath job = platform.awaitFinished(jobId);
            assertThat(job.getString("status")).isEqualTo("completed");
            assertThat(job.getInt("result.tables[0].row_count")).isEqualTo(48);
        }
        acceptedOnceTheWorkerIsBack(sales);
    }

    @Test
    void aDocumentThatKillsItsWorkerThreeTimesFailsWithWorkerLostAndTheWorkerGoesOn() throws Exception {
        // Long enough to be caught mid-analysis each time.
        Response submitted = upload(HostileDocuments.columnedProsePdf(400), "long.pdf", HostileDocuments.PDF);
        assertThat(submitted.statusCode()).isEqualTo(202);
        String jobId = submitted.path("job_id");
        for (int attempt = 1; attempt <= 3; attempt++) {
            awaitAttempt(jobId, attempt);
            platform.analytics.kill();
            platform.analytics.start().awaitReady();
        }

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("error.code")).isEqualTo("worker_lost");
        assertThat(job.getInt("error.details.attempts")).isEqualTo(3);

        String next = acceptedOnceTheWorkerIsBack(Platform.resource("/sales.csv"));
        assertThat(platform.awaitFinished(next).getString("status")).isEqualTo("completed");
    }

    /** The gateway admits work again within seconds of the worker rejoining its consumer group. */
    private static String acceptedOnceTheWorkerIsBack(byte[] csv) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> upload(csv, "sales.csv", "text/csv"), r -> r.statusCode() == 202).path("job_id");
    }

    /** Waits until the analytics service has taken the job up for the given time (it counts each attempt). */
    private static void awaitAttempt(String jobId, int attempt) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (var db = Platform.database(); var query = db.prepareStatement(
                    "SELECT attempts FROM analytics.analytics_jobs WHERE execution_id = ?::uuid")) {
                query.setString(1, jobId);
                try (var rows = query.executeQuery()) {
                    return rows.next() && rows.getInt(1) >= attempt;
                }
            }
        });
    }

    private static Response upload(byte[] document, String name, String mediaType) {
        return given().header("X-API-Key", apiKey).multiPart("file", name, document, mediaType)
                .post(gateway.url() + "/api/analytics/document");
    }
}
