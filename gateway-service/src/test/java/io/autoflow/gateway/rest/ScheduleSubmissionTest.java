package io.autoflow.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.service.Jobs;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/schedules}, and the jobs a schedule starts becoming jobs of their user here. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ScheduleSubmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The user's web server, where a scheduled analysis finds its document. */
    private static final WireMockServer WEB = new WireMockServer(options().dynamicPort());

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Jobs jobs;

    @Inject
    BlobStore blobs;

    private TestUsers user;

    @BeforeAll
    static void startWeb() {
        WEB.start();
    }

    @AfterAll
    static void stopWeb() {
        WEB.stop();
    }

    @BeforeEach
    void setUp() throws Throwable {
        user = TestUsers.create(apiKeys, "pro");
    }

    @Test
    void queuesTheScheduleOfAnApiCallInTheAccountsTimeZone() throws Exception {
        given().header("X-API-Key", user.key()).contentType("application/json")
                .body("{\"time_zone\": \"Asia/Tokyo\"}").patch("/api/me").then().statusCode(200);

        String jobId = submit("""
                {"cron": "0 9 * * MON", "task": {"url": "https://api.example.com/rates",
                 "headers": {"X-Api-Key": "k-123"}, "output": {"delivery": "email"}}}""")
                .statusCode(202).body("status", is("queued")).extract().path("job_id");

        ScheduleTask schedule = scheduleSetUpBy(jobId);
        assertThat(schedule.cronExpression()).isEqualTo("0 9 * * MON");
        assertThat(schedule.timeZone()).isEqualTo("Asia/Tokyo");
        assertThat(schedule.taskIntent()).isEqualTo(Intents.API_AUTOMATION);
        assertThat(schedule.name()).isEqualTo("GET api.example.com/rates (0 9 * * MON, Asia/Tokyo)");
        RunAutomation call = EventJson.mapper().convertValue(schedule.taskParameters(), RunAutomation.class);
        assertThat(call.url()).isEqualTo("https://api.example.com/rates");
        assertThat(call.output().email()).isEqualTo(user.user().email);
        assertThat(call.requestKey()).isEqualTo("automations/" + user.user().id + "/" + jobId + "/request.json");
        assertThat(EventJson.write(schedule)).as("the headers are kept apart, not in the event")
                .doesNotContain("k-123");
    }

    @Test
    void queuesTheScheduleOfADocumentsAnalysisOnceItsAddressServesADocumentItCanAnalyse() throws Exception {
        byte[] sales;
        try (var in = getClass().getResourceAsStream("/sales.csv")) {
            sales = in.readAllBytes();
        }
        WEB.stubFor(get(urlEqualTo("/exports/sales.csv")).willReturn(aResponse().withBody(sales)));
        String url = WEB.baseUrl() + "/exports/sales.csv";

        String jobId = submit("{\"cron\": \"0 9 * * MON\", \"analysis\": {\"file\": \"" + url + "\","
                + " \"analysis\": {\"trends\": true}, \"output\": {\"format\": \"excel\", \"delivery\": \"email\"}}}")
                .statusCode(202).body("status", is("queued")).extract().path("job_id");

        ScheduleTask schedule = scheduleSetUpBy(jobId);
        assertThat(schedule.taskIntent()).isEqualTo(Intents.DOCUMENT_ANALYTICS);
        assertThat(schedule.name()).isEqualTo("Analysis of sales.csv (0 9 * * MON, UTC)");
        AnalyzeDocument each = EventJson.mapper().convertValue(schedule.taskParameters(), AnalyzeDocument.class);
        assertThat(each.sourceUrl()).isEqualTo(url);
        assertThat(each.blobKey()).as("each run fetches the document afresh").isNull();
        assertThat(each.fileName()).isEqualTo("sales.csv");
        assertThat(each.analyses()).containsExactly("trends");
        assertThat(each.output().format()).isEqualTo("excel");
        assertThat(each.output().email()).isEqualTo(user.user().email);
        assertThat(blobs.list("uploads/" + user.user().id + "/" + jobId + "/")).as("the checked copy is not kept")
                .isEmpty();
    }

    @Test
    void anAnalysisIsNotScheduledWhenItsAddressDoesNotServeADocumentItCanAnalyse() {
        WEB.stubFor(get(urlEqualTo("/gone.csv")).willReturn(aResponse().withStatus(404)));
        WEB.stubFor(get(urlEqualTo("/chart.png")).willReturn(aResponse().withBody(new byte[] {(byte) 0x89, 'P', 'N',
                'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'})));

        submit(analysisOf(WEB.baseUrl() + "/gone.csv")).statusCode(422).body("code", is("url_fetch_failed"));
        submit(analysisOf(WEB.baseUrl() + "/chart.png")).statusCode(415).body("code", is("unsupported_file_type"));
        submit(analysisOf("http://169.254.169.254/latest/meta-data/")).statusCode(422)
                .body("code", is("url_not_allowed"));
        submit("{\"cron\": \"0 9 * * *\", \"analysis\": {}}").statusCode(400).body("code", is("missing_file"));
        submit("{\"cron\": \"0 9 * * *\", \"analysis\": {\"file\": \"https://a.example/x.csv\"},"
                + " \"reminder\": {\"message\": \"hi\"}}").statusCode(400).body("code", is("missing_task"));
    }

    @Test
    void queuesTheScheduleOfADocumentsConversionWhoseRunsEachFetchIt() throws Exception {
        // nothing is fetched when the schedule is set up: this host does not even resolve
        String url = "https://documents.example.invalid/exports/sales.csv";

        String jobId = submit("{\"cron\": \"0 9 * * MON\", \"conversion\": {\"file\": \"" + url + "\","
                + " \"target_format\": \"json\", \"output\": {\"delivery\": \"email\"}}}")
                .statusCode(202).body("status", is("queued")).extract().path("job_id");

        ScheduleTask schedule = scheduleSetUpBy(jobId);
        assertThat(schedule.taskIntent()).isEqualTo(Intents.DATA_TRANSFORM);
        assertThat(schedule.name()).isEqualTo("Conversion of sales.csv to JSON (0 9 * * MON, UTC)");
        TransformData each = EventJson.mapper().convertValue(schedule.taskParameters(), TransformData.class);
        assertThat(each.sourceUrl()).isEqualTo(url);
        assertThat(each.blobKey()).as("each run fetches the document afresh").isNull();
        assertThat(each.fileName()).isEqualTo("sales.csv");
        assertThat(each.targetFormat()).isEqualTo("json");
        assertThat(each.output().email()).isEqualTo(user.user().email);
        assertThat(blobs.list("uploads/" + user.user().id + "/" + jobId + "/")).isEmpty();
    }

    @Test
    void aConversionIsNotScheduledWithoutTheDocumentsAddressOrWhatToMake() {
        submit(conversionOf("{\"target_format\": \"json\"}")).statusCode(400).body("code", is("missing_file"))
                .body("message", is("Give the web address of the document to convert in 'file'"));
        submit(conversionOf("{\"file\": \"sales.csv\", \"target_format\": \"json\"}")).statusCode(422)
                .body("code", is("url_not_allowed"))
                .body("message", is("The document's URL cannot be fetched: only http and https URLs can be called"));
        submit(conversionOf("{\"file\": \"http://169.254.169.254/latest/meta-data/\", \"target_format\": \"json\"}"))
                .statusCode(422).body("code", is("url_not_allowed"));
        submit(conversionOf("{\"file\": \"https://a.example/x.csv\"}")).statusCode(422)
                .body("code", is("invalid_target_format"));
        submit(conversionOf("{\"file\": \"https://a.example/x.csv\", \"target_format\": \"json\","
                + " \"output\": {\"delivery\": \"fax\"}}")).statusCode(422).body("code", is("invalid_delivery"));
        submit("{\"cron\": \"0 9 * * *\", \"conversion\": {\"file\": \"https://a.example/x.csv\","
                + " \"target_format\": \"json\"}, \"task\": {\"url\": \"https://a.example\"}}").statusCode(400)
                .body("code", is("missing_task"));
    }

    /** The schedule the job published to set up, as its intent carries it. */
    private ScheduleTask scheduleSetUpBy(String jobId) throws Exception {
        IntentParsed intent = EventJson.mapper().readValue(new KafkaTestClient(bootstrapServers)
                .awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), WAIT).value(), IntentParsed.class);
        assertThat(intent.intent()).isEqualTo(Intents.SCHEDULE_TASK);
        return EventJson.mapper().convertValue(intent.parameters(), ScheduleTask.class);
    }

    private static String conversionOf(String conversion) {
        return "{\"cron\": \"0 9 * * *\", \"conversion\": " + conversion + "}";
    }

    private static String analysisOf(String url) {
        return "{\"cron\": \"0 9 * * *\", \"analysis\": {\"file\": \"" + url + "\"}}";
    }

    @Test
    void refusesWhatCannotBeScheduled() throws Throwable {
        submit("{\"task\": {\"url\": \"https://api.example.com\"}}").statusCode(400).body("code", is("missing_cron"));
        submit("{\"cron\": \"0 9 * * *\"}").statusCode(400).body("code", is("missing_task"));
        submit("{\"cron\": \"every day\", \"task\": {\"url\": \"https://api.example.com\"}}").statusCode(422)
                .body("code", is("invalid_cron"));
        submit("{\"cron\": \"0 9 * * *\", \"time_zone\": \"Moon/Base\", \"task\": {\"url\": \"https://a.example\"}}")
                .statusCode(422).body("code", is("invalid_time_zone"));
        // refused now with the reason, not accepted to fail later as a job
        submit("{\"cron\": \"0 0 30 2 *\", \"task\": {\"url\": \"https://api.example.com\"}}").statusCode(422)
                .body("code", is("invalid_cron")).body("param", is("cron"))
                .body("message", containsString("never runs"));
        for (String offset : new String[] {"GMT+5", "+05:30"}) {
            submit("{\"cron\": \"0 9 * * *\", \"time_zone\": \"" + offset + "\", \"task\": {\"url\":"
                    + " \"https://a.example\"}}").statusCode(422).body("code", is("invalid_time_zone"))
                    .body("param", is("time_zone"));
        }
        // cron(8)'s names and ranges: Sunday to Thursday
        submit("{\"cron\": \"0 9 * * SUN-THU\", \"task\": {\"url\": \"https://api.example.com\"}}").statusCode(202);
        // a pro user may run a schedule every minute, a free one every 15 minutes
        TestUsers free = TestUsers.create(apiKeys, "free");
        given().header("X-API-Key", free.key()).contentType("application/json")
                .body("{\"cron\": \"*/5 * * * *\", \"task\": {\"url\": \"https://api.example.com\"}}")
                .post("/api/schedules").then().statusCode(422).body("code", is("schedule_too_frequent"))
                .body("details.min_interval_seconds", is(900)).body("message", containsString("5 minutes apart"));
        submit("{\"cron\": \"0 9 * * *\", \"task\": {\"url\": \"http://10.0.0.1/\"}}").statusCode(422)
                .body("code", is("url_not_allowed"));
        given().header("X-API-Key", user.key()).get("/api/schedules").then().statusCode(503)
                .body("code", is("scheduler_unavailable"));
    }

    @Test
    void aRunStartedByTheSchedulerBecomesAJobOfItsUser() throws Throwable {
        String runId = UUID.randomUUID().toString();
        RunAutomation call = new RunAutomation(null, null, null, "GET api.example.com/rates", "GET",
                "https://api.example.com/rates", null, null);
        new KafkaTestClient(bootstrapServers).send(Topics.INTENTS, runId, new IntentParsed(runId,
                user.user().id.toString(), "pro", Intents.API_AUTOMATION, EventJson.mapper().valueToTree(call),
                Instant.now()));

        await().atMost(WAIT).until(() -> find(runId) != null);
        Job job = find(runId);
        assertThat(job.workflowType).isEqualTo(Intents.API_AUTOMATION);
        assertThat(job.fileName).isEqualTo("GET api.example.com/rates");
        assertThat(job.publishedAt).as("not published again by the outbox").isNotNull();

        String analysisRun = UUID.randomUUID().toString();
        AnalyzeDocument analysis = new AnalyzeDocument(null, null, null, null, "sales.csv", null, 0, null, null,
                "https://example.com/sales.csv");
        new KafkaTestClient(bootstrapServers).send(Topics.INTENTS, analysisRun, new IntentParsed(analysisRun,
                user.user().id.toString(), "pro", Intents.DOCUMENT_ANALYTICS,
                EventJson.mapper().valueToTree(analysis), Instant.now()));
        await().atMost(WAIT).until(() -> find(analysisRun) != null);
        assertThat(find(analysisRun).fileName).isEqualTo("sales.csv");

        String conversionRun = UUID.randomUUID().toString();
        TransformData conversion = new TransformData(null, null, null, "cities.xlsx", null, null, 0, "csv", null,
                "https://example.com/cities.xlsx");
        new KafkaTestClient(bootstrapServers).send(Topics.INTENTS, conversionRun, new IntentParsed(conversionRun,
                user.user().id.toString(), "pro", Intents.DATA_TRANSFORM, EventJson.mapper().valueToTree(conversion),
                Instant.now()));
        await().atMost(WAIT).until(() -> find(conversionRun) != null);
        assertThat(find(conversionRun).fileName).isEqualTo("cities.xlsx");
    }

    @Test
    void anIntentAGatewaySentIsPassedOverAsItWasRecordedBeforeItWasSent() throws Throwable {
        KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        String key = UUID.randomUUID().toString(); // both on one partition: the second is read after the first
        String ownRun = UUID.randomUUID().toString();
        RunAutomation call = new RunAutomation(null, null, null, "GET api.example.com/rates", "GET",
                "https://api.example.com/rates", null, null);
        kafka.send(Topics.INTENTS, key, new IntentParsed(ownRun, user.user().id.toString(), "pro",
                Intents.API_AUTOMATION, EventJson.mapper().valueToTree(call), Instant.now()),
                Map.of("ce_source", "urn:autoflow:gateway-service"));
        String scheduledRun = UUID.randomUUID().toString();
        kafka.send(Topics.INTENTS, key, new IntentParsed(scheduledRun, user.user().id.toString(), "pro",
                Intents.API_AUTOMATION, EventJson.mapper().valueToTree(call), Instant.now()),
                Map.of("ce_source", "urn:autoflow:scheduler-service"));

        await().atMost(WAIT).until(() -> find(scheduledRun) != null);
        assertThat(find(ownRun)).as("a gateway's own intent: no second write").isNull();
    }

    private Job find(String id) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> jobs.find(UUID.fromString(id), user.user().id));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private ValidatableResponse submit(String json) {
        return given().header("X-API-Key", user.key()).contentType("application/json").body(json)
                .post("/api/schedules").then();
    }
}
