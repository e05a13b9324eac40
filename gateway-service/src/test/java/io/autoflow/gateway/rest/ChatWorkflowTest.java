package io.autoflow.gateway.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.Topics;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workflow drafted in the chat (intent {@code workflow}): once the conversation (WireMock here, standing in for
 * conversation-service) answers it complete, the gateway saves its definition for the caller through the
 * orchestrator's workflow API (WireMock, as in {@link WorkflowRunTest}) as {@code POST /api/workflows} does, runs a
 * manual one once now as {@code POST /api/workflows/{id}/runs} does, and says a refusal of the draft in the reply.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JobResultViewTest.Orchestrator.class)
@WithTestResource(ChatWorkflowTest.Conversation.class)
class ChatWorkflowTest {

    private static final String REPLY = "Done: I set it up as you said.";
    private static final String STEPS = "[{\"type\": \"http\", \"name\": \"fetch\", \"url\":"
            + " \"https://api.example.com/sales\"}, {\"type\": \"transform\", \"name\": \"totals\", \"input\":"
            + " \"fetch\", \"operations\": [{\"op\": \"filter\", \"where\": \"region = 'EU'\"}], \"target_format\":"
            + " \"xlsx\"}, {\"type\": \"notify\", \"name\": \"send\", \"channel\": \"email\", \"message\":"
            + " \"EU revenue by product\", \"attach\": \"totals\"}]";
    private static final String MANUAL = "{\"name\": \"EU sales by product\", \"trigger\": {\"type\": \"manual\"},"
            + " \"steps\": " + STEPS + "}";
    private static final String SCHEDULED = "{\"name\": \"Monday EU sales\", \"trigger\": {\"type\": \"schedule\","
            + " \"cron\": \"0 8 * * 1\", \"time_zone\": \"Europe/Paris\"}, \"steps\": " + STEPS + "}";

    WireMockServer orchestrator;

    /** conversation-service's stand-in (its own type: the orchestrator's resource fills every WireMockServer). */
    ConversationStandIn conversation;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Pool db;

    private TestUsers user;

    @BeforeEach
    void aUser() throws Throwable {
        user = TestUsers.create(apiKeys, "pro");
    }

    @Test
    void aConfirmedManualWorkflowIsSavedForTheCallerAndRunOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        confirms(user, MANUAL, "en");
        saves(user, id, MANUAL);

        JsonPath reply = chat(user).statusCode(200).extract().jsonPath();

        String jobId = reply.getString("job_id");
        assertThat(jobId).isNotNull();
        assertThat(reply.getString("workflow_id")).isEqualTo(id);
        assertThat(reply.getString("intent")).isEqualTo("workflow");
        assertThat(reply.getString("reply")).isEqualTo(REPLY + " Saved as the workflow “EU sales by product”."
                + " The job " + jobId + " is queued.");
        assertThat(reply.getBoolean("awaiting_confirmation")).isFalse();
        savedOnce(user, MANUAL);
        assertThat(audits(user, "workflow.created").iterator().next().getString("target")).isEqualTo(id);

        // One run, as POST /api/workflows/{id}/runs starts it without a payload.
        IntentParsed intent = intent(jobId);
        assertThat(intent.intent()).isEqualTo(Intents.WORKFLOW_RUN);
        assertThat(intent.userId()).isEqualTo(user.user().id.toString());
        RunWorkflow run = EventJson.mapper().convertValue(intent.parameters(), RunWorkflow.class);
        assertThat(run.workflowId()).isEqualTo(id);
        assertThat(run.revision()).isEqualTo(1);
        assertThat(run.name()).isEqualTo("EU sales by product");
        assertThat(run.trigger()).isEqualTo("manual");
        assertThat(run.ownerEmail()).isEqualTo(user.user().email);
        assertThat(run.payload()).isNull();
        assertThat(jobs(user)).isEqualTo(1);
        RowSet<Row> started = audits(user, "workflow.run_started");
        assertThat(started.size()).isEqualTo(1);
        assertThat(started.iterator().next().getJsonObject("details").getString("job_id")).isEqualTo(jobId);
    }

    @Test
    void aConfirmedScheduledWorkflowIsSavedAndLeftToItsSchedule() throws Exception {
        String id = UUID.randomUUID().toString();
        confirms(user, SCHEDULED, "fr");
        saves(user, id, SCHEDULED);

        JsonPath reply = chat(user).statusCode(200).extract().jsonPath();

        assertThat(reply.getString("workflow_id")).isEqualTo(id);
        assertThat(reply.getString("job_id")).isNull();
        assertThat(reply.getString("reply")).isEqualTo(REPLY + " Enregistré comme workflow « Monday EU sales ».");
        savedOnce(user, SCHEDULED);
        assertThat(audits(user, "workflow.created").size()).isEqualTo(1);
        assertThat(jobs(user)).isZero();
        assertThat(audits(user, "workflow.run_started").size()).isZero();
    }

    @Test
    void aDraftTheOrchestratorRefusesIsSaidInTheReplyAndNothingIsSavedOrRun() throws Exception {
        confirms(user, MANUAL, "en");
        orchestrator.stubFor(post(urlPathEqualTo("/workflows/" + user.user().id)).willReturn(aResponse()
                .withStatus(422).withHeader("Content-Type", "application/json").withBody("{\"code\":"
                        + " \"too_many_workflows\", \"message\": \"You have 100 workflows, the most your tier"
                        + " allows\"}")));

        JsonPath reply = chat(user).statusCode(200).extract().jsonPath();

        assertThat(reply.getString("reply"))
                .isEqualTo("I could not save the workflow: You have 100 workflows, the most your tier allows");
        assertThat(reply.getString("workflow_id")).isNull();
        assertThat(reply.getString("job_id")).isNull();
        assertThat(audits(user, "workflow.created").size()).isZero();
        assertThat(jobs(user)).isZero();
    }

    @Test
    void theOrchestratorAwayStaysAnErrorOfTheChat() throws Exception {
        confirms(user, MANUAL, "en");
        orchestrator.stubFor(post(urlPathEqualTo("/workflows/" + user.user().id))
                .willReturn(aResponse().withStatus(500)));

        chat(user).statusCode(503).contentType("application/problem+json")
                .body("code", is("workflows_unavailable"));
        assertThat(jobs(user)).isZero();
    }

    /** The conversation answers the user's next message: the workflow confirmed, with this definition. */
    private void confirms(TestUsers who, String definition, String language) {
        conversation.server().stubFor(post(urlPathEqualTo("/conversation/messages"))
                .withRequestBody(matchingJsonPath("$.user_id", equalTo(who.user().id.toString())))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"session_id\":"
                        + " \"" + UUID.randomUUID() + "\", \"reply\": \"" + REPLY + "\", \"intent\": \"workflow\","
                        + " \"parameters\": {\"url\": \"https://api.example.com/sales\", \"filter_column\":"
                        + " \"region\", \"filter_operator\": \"=\", \"filter_value\": \"EU\", \"target_format\":"
                        + " \"xlsx\", \"delivery\": \"email\", \"definition\": " + definition + "}, \"missing\": [],"
                        + " \"complete\": true, \"awaiting_confirmation\": false, \"understood_by\": \"offline\","
                        + " \"language\": \"" + language + "\"}")));
    }

    /** The orchestrator was asked once to save the definition as the conversation drafted it, for the caller. */
    private void savedOnce(TestUsers who, String definition) {
        orchestrator.verify(1, postRequestedFor(urlPathEqualTo("/workflows/" + who.user().id))
                .withQueryParam("tier", equalTo("pro")).withQueryParam("email", equalTo(who.user().email))
                .withRequestBody(equalToJson(definition)));
    }

    /** The orchestrator saves the user's workflow as revision 1 under this id. */
    private void saves(TestUsers who, String id, String definition) {
        String name = nameOf(definition);
        orchestrator.stubFor(post(urlPathEqualTo("/workflows/" + who.user().id)).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\": \"" + id
                        + "\", \"name\": \"" + name + "\", \"enabled\": true, \"revision\": 1, \"created_at\":"
                        + " \"2026-12-07T08:00:00Z\", \"updated_at\": \"2026-12-07T08:00:00Z\", \"definition\": "
                        + definition + "}")));
    }

    private static String nameOf(String definition) {
        try {
            return EventJson.mapper().readTree(definition).path("name").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ValidatableResponse chat(TestUsers who) {
        return given().header("X-API-Key", who.key()).contentType("application/json")
                .body(Map.of("message", "yes")).post("/api/chat").then();
    }

    private IntentParsed intent(String jobId) throws Exception {
        String value = new KafkaTestClient(bootstrapServers).awaitRecord(Topics.INTENTS,
                record -> jobId.equals(record.key()), Duration.ofSeconds(20)).value();
        return EventJson.mapper().readValue(value, IntentParsed.class);
    }

    private RowSet<Row> audits(TestUsers who, String action) {
        return db.preparedQuery("SELECT target, details FROM gateway.audit_log WHERE actor = $1 AND action = $2")
                .execute(Tuple.of(who.user().id.toString(), action)).await().indefinitely();
    }

    private long jobs(TestUsers who) {
        return db.preparedQuery("SELECT count(*) FROM gateway.jobs WHERE user_id = $1")
                .execute(Tuple.of(who.user().id)).await().indefinitely().iterator().next().getLong(0);
    }

    /** conversation-service's stand-in, injected into the test's {@link ConversationStandIn} field. */
    record ConversationStandIn(WireMockServer server) {
    }

    /** Points the conversation client at a WireMock server of its own for this test class. */
    public static class Conversation implements QuarkusTestResourceLifecycleManager {

        private final WireMockServer server = new WireMockServer(options().dynamicPort());

        @Override
        public Map<String, String> start() {
            server.start();
            return Map.of("quarkus.rest-client.conversation.url", server.baseUrl());
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(new ConversationStandIn(server),
                    new TestInjector.MatchesType(ConversationStandIn.class));
        }

        @Override
        public void stop() {
            server.stop();
        }
    }
}
