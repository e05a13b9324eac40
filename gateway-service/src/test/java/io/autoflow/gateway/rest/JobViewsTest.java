package io.autoflow.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.blob.SignedLinks;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionView;
import io.autoflow.events.Intents;
import io.autoflow.gateway.domain.Job;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a caller sees of a job, built from the orchestrator's record: links only to files inside the job's own prefix
 * (a worker's result names the keys, so a wrong one must never open another job's file), and where delivery stands.
 */
class JobViewsTest {

    private static final SignedLinks LINKS = new SignedLinks("a-test-signing-key-of-at-least-32-bytes");
    private final JobViews views = new JobViews(null, LINKS, Duration.ofHours(1));
    private final Job job = job();

    @Test
    void aJobTheOrchestratorHasNotRecordedYetShowsQueuedWithTheGatewaysFacts() {
        JobView view = views.summary(job, null);

        assertThat(view.status()).isEqualTo(ExecutionView.QUEUED);
        assertThat(view.jobId()).isEqualTo(job.id.toString());
        assertThat(view.fileName()).isEqualTo("sales.csv");
        assertThat(view.createdAt()).isEqualTo(job.createdAt);
        assertThat(view.reportUrl()).isNull();
        assertThat(view.charts()).isEmpty();
    }

    @Test
    void anAnalysisLinksItsReportAndChartsInsideItsOwnPrefix() throws IOException {
        JobView view = views.summary(job, completed(analysis("reports/" + job.userId + "/" + job.id + "/"), null));

        assertThat(view.reportUrl()).isEqualTo("/api/jobs/" + job.id + "/report");
        assertThat(linked(view.downloadUrl())).isEqualTo(new SignedLinks.Link("reports/" + job.userId + "/" + job.id
                + "/report.pdf", "sales-report.pdf", view.downloadUrlExpiresAt().truncatedTo(ChronoUnit.SECONDS)));
        assertThat(view.charts()).hasSize(12).allSatisfy(chart -> assertThat(linked(chart.url()).blobKey())
                .startsWith("reports/" + job.userId + "/" + job.id + "/chart-"));
        assertThat(views.report(job, completed(analysis("reports/" + job.userId + "/" + job.id + "/"), null)))
                .isEqualTo(new JobViews.ReportFile("reports/" + job.userId + "/" + job.id + "/report.pdf",
                        "application/pdf", "sales-report.pdf"));
    }

    @Test
    void keysOutsideTheJobsOwnPrefixAreNeverLinked() throws IOException {
        for (String prefix : new String[] {"reports/u1/j1/", "reports/" + job.userId + "/" + UUID.randomUUID() + "/",
                "reports/" + job.userId + "/" + job.id + "/../" + UUID.randomUUID() + "/"}) {
            ExecutionView known = completed(analysis(prefix), null);

            JobView view = views.summary(job, known);

            assertThat(view.reportUrl()).as(prefix).isNull();
            assertThat(view.downloadUrl()).as(prefix).isNull();
            assertThat(view.charts()).as(prefix).isEmpty();
            assertThatThrownBy(() -> views.report(job, known)).as(prefix).isInstanceOf(ApiException.class)
                    .extracting(e -> ((ApiException) e).toError().code()).isEqualTo("report_not_available");
        }
    }

    @Test
    void deliveryIsReadyForADownloadPendingUntilAnEmailIsReportedOnThenAsReported() throws IOException {
        String prefix = "reports/" + job.userId + "/" + job.id + "/";
        ObjectNode forDownload = analysis(prefix);
        forDownload.remove("output");

        assertThat(views.summary(job, completed(forDownload, null)).deliveryStatus()).isEqualTo("ready");
        assertThat(views.summary(job, completed(analysis(prefix), null)).deliveryStatus()).isEqualTo("pending");
        assertThat(views.summary(job, completed(analysis(prefix), "requested")).deliveryStatus()).isEqualTo("pending");
        assertThat(views.summary(job, completed(analysis(prefix), "retrying")).deliveryStatus()).isEqualTo("retrying");
        assertThat(views.summary(job, completed(analysis(prefix), "delivered")).deliveryStatus())
                .isEqualTo("delivered");
        ExecutionView processing = new ExecutionView(job.id.toString(), Intents.DOCUMENT_ANALYTICS,
                ExecutionView.PROCESSING, 40, job.createdAt, job.createdAt, null, null, null, null, null, null, 1);
        assertThat(views.summary(job, processing).deliveryStatus()).isNull();
    }

    private ExecutionView completed(JsonNode result, String deliveryStatus) {
        return new ExecutionView(job.id.toString(), Intents.DOCUMENT_ANALYTICS, ExecutionView.COMPLETED, 100,
                job.createdAt, job.createdAt, Instant.now(), 900, result, null, deliveryStatus, null, 1);
    }

    /** The bounded summary of a CSV's analysis, as the orchestrator keeps it, its files under {@code prefix}. */
    private static ObjectNode analysis(String prefix) throws IOException {
        try (InputStream in = JobViewsTest.class.getResourceAsStream("/results/analysis-csv-summary.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (ObjectNode) EventJson.mapper().readTree(json.replace("reports/u1/j1/", prefix));
        }
    }

    private static SignedLinks.Link linked(String url) {
        assertThat(url).startsWith("/files/");
        return LINKS.verify(url.substring("/files/".length()), Instant.now()).orElseThrow();
    }

    private static Job job() {
        Job job = new Job();
        job.id = UUID.randomUUID();
        job.userId = UUID.randomUUID();
        job.workflowType = Intents.DOCUMENT_ANALYTICS;
        job.fileName = "sales.csv";
        job.createdAt = Instant.parse("2026-12-08T09:00:00Z");
        return job;
    }
}
