package io.autoflow.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the chat starts with a document given by its web address: the job is queued and nothing is fetched while the
 * person talks; the worker fetches the document when the job runs. The conversation's understanding is played by a
 * WireMock server; the documents' host does not even resolve.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(ChatFetchedAtRunTest.Conversation.class)
class ChatFetchedAtRunTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** A host that never resolves (RFC 2606): fetching it now would refuse the request with url_unreachable. */
    private static final String NOWHERE = "https://documents.example.invalid/exports/sales.csv";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    BlobStore blobs;

    private TestUsers user;

    @BeforeEach
    void setUp() throws Throwable {
        user = TestUsers.create(apiKeys, "pro");
    }

    @Test
    void aConversionOfADocumentByItsAddressIsQueuedWithoutFetchingIt() throws Exception {
        understood(Intents.DATA_TRANSFORM, Map.of("file", NOWHERE, "target_format", "json"));

        String jobId = chat("convert " + NOWHERE + " to json").body("reply", containsString("is queued"))
                .body("job_id", notNullValue()).extract().path("job_id");

        IntentParsed intent = intentOf(jobId);
        assertThat(intent.intent()).isEqualTo(Intents.DATA_TRANSFORM);
        TransformData conversion = EventJson.mapper().convertValue(intent.parameters(), TransformData.class);
        assertThat(conversion.sourceUrl()).isEqualTo(NOWHERE);
        assertThat(conversion.blobKey()).as("fetched by the transform service when the job runs").isNull();
        assertThat(conversion.fileName()).isEqualTo("sales.csv");
        assertThat(conversion.targetFormat()).isEqualTo("json");
        assertThat(blobs.list("uploads/" + user.user().id + "/" + jobId + "/")).isEmpty();

        // An analysis likewise; an address no run could fetch is refused in the reply, at once.
        understood(Intents.DOCUMENT_ANALYTICS, Map.of("file", NOWHERE));
        String analysis = chat("analyse " + NOWHERE).body("job_id", notNullValue()).extract().path("job_id");
        assertThat(EventJson.mapper().convertValue(intentOf(analysis).parameters(), AnalyzeDocument.class)
                .sourceUrl()).isEqualTo(NOWHERE);
        understood(Intents.DATA_TRANSFORM, Map.of("file", "http://10.0.0.7/sales.csv", "target_format", "json"));
        chat("convert http://10.0.0.7/sales.csv to json").body("job_id", nullValue())
                .body("reply", containsString("I could not start it: The document's URL cannot be fetched"));
    }

    @Test
    void aScheduledConversionOfADocumentByItsAddressIsSetUpAndOneWithoutAnAddressIsAskedFor() throws Exception {
        understood(Intents.SCHEDULE_TASK, Map.of("cron", "0 9 * * MON", "time_zone", "Europe/Paris",
                "task_intent", Intents.DATA_TRANSFORM, "url", NOWHERE, "target_format", "xlsx"));

        String jobId = chat("every monday at 9am convert " + NOWHERE + " to xlsx").body("job_id", notNullValue())
                .extract().path("job_id");

        IntentParsed intent = intentOf(jobId);
        assertThat(intent.intent()).isEqualTo(Intents.SCHEDULE_TASK);
        ScheduleTask schedule = EventJson.mapper().convertValue(intent.parameters(), ScheduleTask.class);
        assertThat(schedule.taskIntent()).isEqualTo(Intents.DATA_TRANSFORM);
        assertThat(schedule.name()).isEqualTo("Conversion of sales.csv to XLSX (0 9 * * MON, Europe/Paris)");
        TransformData each = EventJson.mapper().convertValue(schedule.taskParameters(), TransformData.class);
        assertThat(each.sourceUrl()).isEqualTo(NOWHERE);
        assertThat(each.blobKey()).isNull();
        assertThat(each.targetFormat()).isEqualTo("xlsx");

        understood(Intents.SCHEDULE_TASK, Map.of("cron", "0 9 * * MON", "task_intent", Intents.DATA_TRANSFORM,
                "file", "sales.csv", "target_format", "json"));
        chat("every monday convert sales.csv to json").body("job_id", nullValue())
                .body("reply", is("To convert a document on a schedule I need its web address (https://…): each run"
                        + " fetches it as it is then."));

        understood(Intents.SCHEDULE_TASK, Map.of("cron", "0 9 * * MON", "task_intent", Intents.DATA_TRANSFORM,
                "file", "ventes.csv", "target_format", "json"), "fr");
        chat("chaque lundi convertis ventes.csv en json").body("language", is("fr"))
                .body("reply", is("Pour convertir un document selon un horaire, il me faut son adresse web (https://…)"
                        + " : chaque exécution le récupère tel qu'il est alors."));
    }

    /** The conversation's next answer: a complete request of that intent. */
    private static void understood(String intent, Map<String, String> parameters) {
        understood(intent, parameters, "en");
    }

    /** The conversation's next answer, in a language: a complete request of that intent. */
    private static void understood(String intent, Map<String, String> parameters, String language) {
        ObjectNode reply = EventJson.mapper().createObjectNode().put("session_id", "s-1").put("reply", "Done.")
                .put("intent", intent).put("complete", true).put("awaiting_confirmation", false)
                .put("language", language);
        reply.set("parameters", EventJson.mapper().valueToTree(parameters));
        reply.putArray("missing");
        Conversation.SERVER.stubFor(post(urlPathEqualTo("/conversation/messages")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(reply.toString())));
    }

    private ValidatableResponse chat(String message) {
        return given().header("X-API-Key", user.key()).contentType("application/json")
                .body(Map.of("message", message)).post("/api/chat").then().statusCode(200);
    }

    private IntentParsed intentOf(String jobId) throws Exception {
        return EventJson.mapper().readValue(new KafkaTestClient(bootstrapServers)
                .awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), WAIT).value(), IntentParsed.class);
    }

    /** conversation-service, answering as each test says. */
    public static class Conversation implements QuarkusTestResourceLifecycleManager {

        static final WireMockServer SERVER = new WireMockServer(options().dynamicPort());

        @Override
        public Map<String, String> start() {
            SERVER.start();
            return Map.of("quarkus.rest-client.conversation.url", SERVER.baseUrl());
        }

        @Override
        public void stop() {
            SERVER.stop();
        }
    }
}
