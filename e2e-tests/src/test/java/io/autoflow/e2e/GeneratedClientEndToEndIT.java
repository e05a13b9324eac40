package io.autoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.client.api.DocumentAnalysisApi;
import io.autoflow.client.api.JobsApi;
import io.autoflow.client.api.SchedulesApi;
import io.autoflow.client.invoker.ApiClient;
import io.autoflow.client.invoker.ApiException;
import io.autoflow.client.invoker.auth.ApiKeyAuth;
import io.autoflow.client.model.AnalysisResult;
import io.autoflow.client.model.ColumnStatistics;
import io.autoflow.client.model.DocumentAnalyticsJob;
import io.autoflow.client.model.Job;
import io.autoflow.client.model.JobList;
import io.autoflow.client.model.NotificationRequest;
import io.autoflow.client.model.Schedule;
import io.autoflow.client.model.ScheduleRequest;
import io.autoflow.client.model.ScheduleTaskJob;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java client generated from the gateway's OpenAPI document as its build stored it (openapi-generator, library
 * apache-httpclient; e2e-tests' pom) drives the running platform as it is, without a hand-written line: what a
 * client any user generates from the document can count on.
 */
class GeneratedClientEndToEndIT extends OnThePlatform {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static ApiClient client;

    @BeforeAll
    static void signIn() {
        client = new ApiClient().setBasePath(gateway.url());
        ((ApiKeyAuth) client.getAuthentication("api_key")).setApiKey(apiKey);
    }

    @Test
    void aDocumentIsAnalysedFollowedToItsResultAndFoundPageByPage(@TempDir Path dir) throws Exception {
        Path csv = Files.write(dir.resolve("sales.csv"), Platform.resource("/sales.csv"));

        var accepted = new DocumentAnalysisApi(client).analyseDocument(null, csv.toFile(), null);
        assertThat(accepted.getStatus()).isEqualTo("queued");
        String jobId = accepted.getJobId();

        JobsApi jobs = new JobsApi(client);
        Job job = await().atMost(Platform.JOB_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.getJob(jobId),
                        found -> List.of("completed", "failed").contains(found.getStatus().getValue()));
        assertThat(job.getStatus().getValue()).as("%s", job).isEqualTo("completed");
        assertThat(job.getJobId()).isEqualTo(jobId);
        assertThat(job.getWorkflowType().getValue()).isEqualTo("document_analytics");
        assertThat(job.getFileName()).isEqualTo("sales.csv");
        assertThat(job.getCompletedAt()).isAfterOrEqualTo(job.getCreatedAt());
        assertThat(job.getReportUrl()).isEqualTo("/api/jobs/" + jobId + "/report");
        // The job is of its workflow type's model (Job's discriminator workflow_type), its result typed: an
        // analysis's tables, with each column's statistics; the platform's storage keys are not part of it.
        assertThat(job).isInstanceOf(DocumentAnalyticsJob.class);
        AnalysisResult result = ((DocumentAnalyticsJob) job).getResult();
        assertThat(result.getTables()).hasSize(1);
        assertThat(result.getTables().get(0).getName()).isEqualTo("sales");
        assertThat(result.getTables().get(0).getRowCount()).isEqualTo(48L);
        assertThat(result.getTables().get(0).getColumns()).filteredOn(column -> column.getName().equals("units"))
                .singleElement().extracting(ColumnStatistics::getMedian).isEqualTo(45.0);
        assertThat(result.getInsights()).isNotEmpty();
        assertThat(result.getReport().getFormat()).isEqualTo(io.autoflow.client.model.Report.FormatEnum.PDF);
        assertThat(result.getReport().getSizeBytes()).isPositive();
        assertThat(result.getCharts()).hasSameSizeAs(job.getCharts());

        // Every job of the caller, one a page, newest first: each once, this one among them.
        List<String> seen = new ArrayList<>();
        String after = null;
        JobList page;
        do {
            page = jobs.listJobs(1, after);
            assertThat(page.getJobs()).hasSize(1);
            after = page.getJobs().get(0).getJobId();
            seen.add(after);
        } while (page.getHasMore() && seen.size() < 1000);
        assertThat(page.getHasMore()).isFalse();
        assertThat(seen).doesNotHaveDuplicates().contains(jobId);
    }

    @Test
    void aScheduleInATimeZoneIsSetUpReadAndCancelled() throws Exception {
        var accepted = new SchedulesApi(client).createSchedule(new ScheduleRequest().cron("0 9 * * 1")
                .timeZone(NEW_YORK.getId()).reminder(new NotificationRequest().message("Weekly report review")), null);
        String scheduleId = accepted.getScheduleId();
        assertThat(accepted.getJobId()).isEqualTo(scheduleId);

        JobsApi jobs = new JobsApi(client);
        Job setUp = await().atMost(Platform.JOB_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.getJob(scheduleId), found -> List.of("completed", "failed").contains(
                        found.getStatus().getValue()));
        assertThat(setUp.getStatus().getValue()).as("%s", setUp).isEqualTo("completed");
        assertThat(setUp.getWorkflowType().getValue()).isEqualTo("schedule_task");
        // A schedule job's result is the Schedule it set up.
        assertThat(setUp).isInstanceOf(ScheduleTaskJob.class);
        assertThat(((ScheduleTaskJob) setUp).getResult().getScheduleId()).isEqualTo(scheduleId);

        SchedulesApi schedules = new SchedulesApi(client);
        Schedule schedule = schedules.getSchedule(scheduleId);
        assertThat(schedule.getScheduleId()).isEqualTo(scheduleId);
        assertThat(schedule.getCron()).isEqualTo("0 9 * * 1");
        assertThat(schedule.getTimeZone()).isEqualTo("America/New_York");
        assertThat(schedule.getStatus().getValue()).isEqualTo("active");
        assertThat(schedule.getTaskIntent().getValue()).isEqualTo("notification");
        // Mondays at 9:00 in New York, whatever the season: the instants are right (Jackson moves them to UTC).
        assertThat(schedule.getNextRuns()).hasSize(3).isSorted().allSatisfy(run -> {
            assertThat(run.atZoneSameInstant(NEW_YORK).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(run.atZoneSameInstant(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        });
        assertThat(schedule.getNextRuns().get(0).toInstant()).isAfter(Instant.now());
        // As sent, each carries New York's offset on its day: -05:00 (EST) or -04:00 (EDT).
        ApiClient asSent = new ApiClient().setBasePath(gateway.url());
        ((ApiKeyAuth) asSent.getAuthentication("api_key")).setApiKey(apiKey);
        asSent.getObjectMapper().disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        assertThat(new SchedulesApi(asSent).getSchedule(scheduleId).getNextRuns()).hasSize(3).allSatisfy(run -> {
            assertThat(run.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(run.getOffset()).isIn(ZoneOffset.ofHours(-5), ZoneOffset.ofHours(-4))
                    .isEqualTo(NEW_YORK.getRules().getOffset(run.toInstant()));
        });

        Schedule cancelled = schedules.cancelSchedule(scheduleId);
        assertThat(cancelled.getStatus().getValue()).isEqualTo("cancelled");
        assertThat(schedules.getSchedule(scheduleId).getStatus().getValue()).isEqualTo("cancelled");
        assertThat(schedules.getSchedule(scheduleId).getNextRuns()).isEmpty();
        assertThat(schedules.listSchedules(100, null).getSchedules()).filteredOn(listed -> listed.getScheduleId().equals(scheduleId))
                .singleElement().extracting(listed -> listed.getStatus().getValue()).isEqualTo("cancelled");
    }

    @Test
    void anErrorIsTheGeneratedExceptionWithTheProblemItsDocumentDescribes() throws Exception {
        String unknown = UUID.randomUUID().toString();
        ApiException refused = catchThrowableOfType(ApiException.class, () -> new JobsApi(client).getJob(unknown));
        assertThat(refused.getCode()).isEqualTo(404);
        JsonNode problem = new ObjectMapper().readTree(refused.getResponseBody());
        assertThat(problem.path("code").asText()).isEqualTo("job_not_found");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        // The generated Error model reads it too, its code as the document's enum.
        var error = client.getObjectMapper().readValue(refused.getResponseBody(), io.autoflow.client.model.Error.class);
        assertThat(error.getCode()).isEqualTo(io.autoflow.client.model.Error.CodeEnum.JOB_NOT_FOUND);

        // Without the key: 401, as the document says of every operation.
        ApiClient anonymous = new ApiClient().setBasePath(gateway.url());
        assertThat(catchThrowableOfType(ApiException.class, () -> new JobsApi(anonymous).listJobs(1, null))
                .getCode()).isEqualTo(401);
    }

    /** The client was generated from the build's document: the one served is the same but for where it is. */
    @Test
    void theServedDocumentIsTheOneTheBuildStoredButForItsServerAndIssuer() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode stored = (ObjectNode) json.readTree(Path.of(System.getProperty("autoflow.root"),
                "gateway-service", "target", "openapi", "openapi.json").toFile());
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gateway.url() + "/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        ObjectNode served = (ObjectNode) json.readTree(answer.body());

        assertThat(served.at("/servers/0/url").asText()).isEqualTo(gateway.url());
        assertThat(served.at("/components/securitySchemes/bearer/description").asText())
                .contains(platform.keycloak.issuer());
        for (ObjectNode document : List.of(stored, served)) {
            document.remove("servers");
            ((ObjectNode) document.at("/components/securitySchemes/bearer")).remove("description");
        }
        assertThat(served).isEqualTo(stored);
    }
}
