package io.autoflow.orchestrator.metrics;

import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.autoflow.testsupport.MetricsScrape;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job meters on /q/metrics, as Prometheus reads them, after jobs that complete, fail, or are still running. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class JobMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ANALYTICS = Intents.DOCUMENT_ANALYTICS;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @Test
    void aCompletedAndAFailedJobAreCountedAndTimedByTypeOutcomeAndErrorCode() {
        MetricsScrape before = MetricsScrape.now();

        // Asked for 3 s ago: it waited 3 s for its outcome, between the 2 s and 5 s buckets.
        String completed = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, completed, documentIntent(completed, Instant.now().minusSeconds(3)));
        awaitStatus(completed, "queued");
        kafka.send(Topics.EXECUTION_EVENTS, completed, ExecutionEvent.started(completed));
        kafka.send(Topics.EXECUTION_EVENTS, completed, ExecutionEvent.completed(completed,
                EventJson.mapper().createObjectNode()));
        awaitStatus(completed, "completed");
        // A redelivered outcome changes nothing, and counts nothing.
        kafka.send(Topics.EXECUTION_EVENTS, completed, ExecutionEvent.completed(completed,
                EventJson.mapper().createObjectNode()));

        String failed = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, failed, documentIntent(failed, Instant.now()));
        awaitStatus(failed, "queued");
        kafka.send(Topics.EXECUTION_EVENTS, failed, ExecutionEvent.failed(failed,
                ErrorInfo.of("corrupt_document", "The document cannot be read")));
        awaitStatus(failed, "failed");

        // An intent nobody handles is one job of type "unknown", whatever it was called: the labels stay bounded.
        String unknown = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, unknown, new IntentParsed(unknown, "user-m", "free", "make_coffee_" + unknown,
                EventJson.mapper().createObjectNode(), Instant.now()));
        awaitStatus(unknown, "failed");
        // A late outcome counts nothing either. Every event is answered on job-updates once handled, whether it
        // changed the job or not: four answers (started, completed, the duplicate, the late one) mean all were handled.
        kafka.send(Topics.EXECUTION_EVENTS, completed, ExecutionEvent.failed(completed, ErrorInfo.of("late", "late")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.readAll(Topics.JOB_UPDATES, WAIT).stream()
                .filter(update -> completed.equals(update.key()))).hasSizeGreaterThanOrEqualTo(4));

        MetricsScrape after = MetricsScrape.now();
        assertThat(delta(before, after, "autoflow_jobs_started_total", "workflow_type", ANALYTICS)).isEqualTo(2);
        assertThat(delta(before, after, "autoflow_jobs_started_total", "workflow_type", "unknown")).isEqualTo(1);
        assertThat(delta(before, after, "autoflow_jobs_finished_total", "workflow_type", ANALYTICS,
                "outcome", "completed", "error_code", "none")).isEqualTo(1);
        assertThat(delta(before, after, "autoflow_jobs_finished_total", "workflow_type", ANALYTICS,
                "outcome", "failed", "error_code", "corrupt_document")).isEqualTo(1);
        assertThat(delta(before, after, "autoflow_jobs_finished_total", "workflow_type", ANALYTICS,
                "error_code", "late")).isZero();
        assertThat(delta(before, after, "autoflow_jobs_finished_total", "workflow_type", "unknown",
                "outcome", "failed", "error_code", "unknown_intent")).isEqualTo(1);

        assertThat(delta(before, after, "autoflow_job_duration_seconds_count", "workflow_type", ANALYTICS,
                "outcome", "completed")).isEqualTo(1);
        double seconds = delta(before, after, "autoflow_job_duration_seconds_sum", "workflow_type", ANALYTICS,
                "outcome", "completed");
        assertThat(seconds).isBetween(3.0, 5.0);
        assertThat(bucketDelta(before, after, 2.0)).isZero();
        assertThat(bucketDelta(before, after, 5.0)).isEqualTo(1);
        assertThat(bucketDelta(before, after, 300.0)).isEqualTo(1);
        assertThat(bucketDelta(before, after, Double.POSITIVE_INFINITY)).isEqualTo(1);
        assertThat(after.text()).doesNotContain(completed, failed, unknown, "user-m");
    }

    @Test
    void jobsInFlightAreCountedFromTheDatabaseWithTheAgeOfTheOldest() {
        String running = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, running, new IntentParsed(running, "user-m", "free", Intents.DATA_TRANSFORM,
                EventJson.mapper().valueToTree(new TransformData(null, null, null, "sales.csv",
                        "uploads/user-m/" + running + "/document", "text/csv", 120, "json", null, null)),
                Instant.now().minusSeconds(30)));
        awaitStatus(running, "queued");
        kafka.send(Topics.EXECUTION_EVENTS, running, ExecutionEvent.started(running));
        awaitStatus(running, "processing");

        await().atMost(WAIT).untilAsserted(() -> {
            MetricsScrape now = MetricsScrape.now();
            assertThat(now.value("autoflow_jobs_in_flight", "workflow_type", Intents.DATA_TRANSFORM))
                    .isGreaterThanOrEqualTo(1);
            assertThat(now.value("autoflow_jobs_oldest_in_flight_seconds", "workflow_type", Intents.DATA_TRANSFORM))
                    .isGreaterThanOrEqualTo(30);
        });
        // Every known type is reported, at 0 when none of its jobs is running.
        assertThat(MetricsScrape.now().has("autoflow_jobs_in_flight")).isTrue();
        assertThat(MetricsScrape.now().samples().stream().filter(s -> s.name().equals("autoflow_jobs_in_flight"))
                .map(s -> s.labels().get("workflow_type")))
                .containsExactlyInAnyOrder(Intents.DOCUMENT_ANALYTICS, Intents.SCHEDULE_TASK, Intents.API_AUTOMATION,
                        Intents.DATA_TRANSFORM, Intents.NOTIFICATION, Intents.WORKFLOW_RUN);

        kafka.send(Topics.EXECUTION_EVENTS, running, ExecutionEvent.completed(running,
                EventJson.mapper().createObjectNode()));
        awaitStatus(running, "completed");
        // Jobs other tests left unfinished end too (the recovery sweep fails them), so the count comes down to 0.
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            MetricsScrape now = MetricsScrape.now();
            assertThat(now.value("autoflow_jobs_in_flight", "workflow_type", Intents.DATA_TRANSFORM)).isZero();
            assertThat(now.value("autoflow_jobs_oldest_in_flight_seconds", "workflow_type", Intents.DATA_TRANSFORM))
                    .isZero();
        });
    }

    private static double delta(MetricsScrape before, MetricsScrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    /** How many more completed analyses took at most {@code le} seconds. */
    private static double bucketDelta(MetricsScrape before, MetricsScrape after, double le) {
        return bucket(after, le) - bucket(before, le);
    }

    private static double bucket(MetricsScrape scrape, double le) {
        return scrape.samples().stream().filter(s -> s.name().equals("autoflow_job_duration_seconds_bucket"))
                .filter(s -> ANALYTICS.equals(s.labels().get("workflow_type"))
                        && "completed".equals(s.labels().get("outcome")))
                .filter(s -> parseLe(s.labels().get("le")) == le)
                .mapToDouble(MetricsScrape.Sample::value).sum();
    }

    private static double parseLe(String le) {
        return "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static IntentParsed documentIntent(String id, Instant askedAt) {
        AnalyzeDocument params = new AnalyzeDocument(null, null, null, "uploads/user-m/" + id + "/document",
                "sales.csv", "text/csv", 120, List.of("statistical"), new AnalyzeDocument.Output("pdf", "download",
                        null, null), null);
        return new IntentParsed(id, "user-m", "free", ANALYTICS, EventJson.mapper().valueToTree(params), askedAt);
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("user_id", "user-m").get("/executions/" + id)
                .then().statusCode(200).body("status", is(status)));
    }
}
