package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.autoflow.blob.BlobStore;
import io.autoflow.events.AutomationRequest;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.Topics;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/automations}: what is accepted, what is refused, and where the secrets go. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class AutomationSubmissionTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    BlobStore blobs;

    private TestUsers user;

    @BeforeEach
    void setUp() throws Throwable {
        user = TestUsers.create(apiKeys, "free");
    }

    @Test
    void queuesTheCallWithItsHeadersAndBodyKeptOutOfTheEvent() throws Exception {
        String jobId = submit("""
                {"url": "https://api.example.com/v1/rates?base=EUR", "method": "post",
                 "headers": {"Authorization": "Bearer s3cret-token"}, "body": {"symbols": ["USD"]},
                 "output": {"delivery": "email"}}""")
                .statusCode(202).body("status", is("queued")).extract().path("job_id");

        ConsumerRecord<String, String> record = new KafkaTestClient(bootstrapServers)
                .awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), Duration.ofSeconds(20));
        assertThat(record.value()).doesNotContain("s3cret-token");
        IntentParsed intent = EventJson.mapper().readValue(record.value(), IntentParsed.class);
        assertThat(intent.intent()).isEqualTo(Intents.API_AUTOMATION);
        assertThat(intent.userId()).isEqualTo(user.user().id.toString());
        RunAutomation parameters = EventJson.mapper().convertValue(intent.parameters(), RunAutomation.class);
        assertThat(parameters.method()).isEqualTo("POST");
        assertThat(parameters.url()).isEqualTo("https://api.example.com/v1/rates?base=EUR");
        assertThat(parameters.name()).isEqualTo("POST api.example.com/v1/rates");
        assertThat(parameters.output().delivery()).isEqualTo("email");
        assertThat(parameters.output().email()).isEqualTo(user.user().email);
        assertThat(parameters.requestKey()).isEqualTo("automations/" + user.user().id + "/" + jobId + "/request.json");
        try (InputStream stored = blobs.open(parameters.requestKey()).orElseThrow()) {
            AutomationRequest parts = EventJson.mapper().readValue(stored, AutomationRequest.class);
            assertThat(parts.headers()).containsEntry("Authorization", "Bearer s3cret-token");
            assertThat(parts.body().path("symbols").get(0).asText()).isEqualTo("USD");
        }
    }

    @Test
    void aCallWithoutHeadersOrBodyStoresNothingAndDefaultsToGetAndDownload() throws Exception {
        String jobId = submit("{\"url\": \"https://api.example.com/status\"}").statusCode(202)
                .extract().path("job_id");

        IntentParsed intent = EventJson.mapper().readValue(new KafkaTestClient(bootstrapServers)
                .awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), Duration.ofSeconds(20)).value(),
                IntentParsed.class);
        RunAutomation parameters = EventJson.mapper().convertValue(intent.parameters(), RunAutomation.class);
        assertThat(parameters.method()).isEqualTo("GET");
        assertThat(parameters.requestKey()).isNull();
        assertThat(parameters.output().delivery()).isEqualTo("download");
    }

    @Test
    void aCallNamingAStoredCredentialKeepsTheNameForAutomationServiceAndRefusesABadOne() throws Exception {
        String jobId = submit("{\"url\": \"https://api.github.com/user\", \"credential\": \"github.main\"}")
                .statusCode(202).extract().path("job_id");

        IntentParsed intent = EventJson.mapper().readValue(new KafkaTestClient(bootstrapServers)
                .awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), Duration.ofSeconds(20)).value(),
                IntentParsed.class);
        RunAutomation parameters = EventJson.mapper().convertValue(intent.parameters(), RunAutomation.class);
        try (InputStream stored = blobs.open(parameters.requestKey()).orElseThrow()) {
            AutomationRequest parts = EventJson.mapper().readValue(stored, AutomationRequest.class);
            assertThat(parts.credential()).isEqualTo("github.main");
            assertThat(parts.headers()).isNull();
        }
        submit("{\"url\": \"https://api.github.com/user\", \"credential\": \"not a name\"}").statusCode(400)
                .body("code", is("invalid_credential_name")).body("param", is("credential"));
        submit("{\"url\": \"https://api.github.com/user\", \"credential\": \"\"}").statusCode(400)
                .body("code", is("invalid_credential_name"));
    }

    @Test
    void refusesWhatCannotBeCalled() {
        submit("{}").statusCode(400).body("code", is("missing_url"));
        for (String url : new String[] {"http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/admin",
                "http://[::ffff:192.168.0.1]/", "file:///etc/passwd", "http://user:pw@example.com/",
                "http://0177.0.0.1/", "http://0x7f000001/", "http://2130706433/", "http://127.1/",
                "http://[::ffff:0177.0.0.1]/"}) {
            submit("{\"url\": \"" + url + "\"}").statusCode(422).body("code", is("url_not_allowed"));
        }
        submit("{\"url\": \"https://api.example.com\", \"method\": \"TRACE\"}").statusCode(422)
                .body("code", is("invalid_method"));
        submit("{\"url\": \"https://api.example.com\", \"headers\": {\"Host\": \"internal\"}}").statusCode(422)
                .body("code", is("invalid_header"));
        submit("{\"url\": \"https://api.example.com\", \"headers\": {\"X-A\": \"one\\r\\nX-B: two\"}}")
                .statusCode(422).body("code", is("invalid_header"));
        submit("{\"url\": \"https://api.example.com\", \"body\": {\"a\": 1}}").statusCode(400)
                .body("code", is("invalid_request"));
        submit("{\"url\": \"https://api.example.com\", \"method\": \"POST\", \"body\": \"" + "x".repeat(1_100_000)
                + "\"}").statusCode(413).body("code", is("body_too_large"));
        submit("{\"url\": \"https://api.example.com\", \"output\": {\"delivery\": \"webhook\","
                + " \"webhook_url\": \"http://10.1.1.1/hook\"}}").statusCode(422).body("code", is("url_not_allowed"));
        submit("{\"url\": \"https://api.example.com\", \"output\": {\"delivery\": \"webhook\","
                + " \"webhook_url\": \"http://0177.0.0.1/\"}}").statusCode(422).body("code", is("url_not_allowed"))
                .body("message", is("The webhook URL cannot be called: its host 0177.0.0.1 is an ambiguous IPv4"
                        + " address (write it as four decimal numbers)"));
        submit("{\"url\": \"https://api.example.com\", \"output\": {\"delivery\": \"email\", \"email\": \"nope\"}}")
                .statusCode(422).body("code", is("invalid_email"));
        given().contentType("application/json").body("{\"url\": \"https://api.example.com\"}")
                .post("/api/automations").then().statusCode(401);
    }

    private ValidatableResponse submit(String json) {
        return given().header("X-API-Key", user.key()).contentType("application/json").body(json)
                .post("/api/automations").then();
    }
}
