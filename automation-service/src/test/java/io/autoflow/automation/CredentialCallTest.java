package io.autoflow.automation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.agroal.api.AgroalDataSource;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AutomationRequest;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.Topics;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An API call naming a stored credential: the secret is applied to the request the API receives (WireMock) and is in
 * no event, row or preview, even when the API echoes it back.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class CredentialCallTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BlobStore blobs;

    @Inject
    AgroalDataSource db;

    private KafkaTestClient kafka;
    private WireMockServer api;
    private String user;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        api = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        api.start();
        user = "user-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        api.stop();
    }

    @Test
    void aBearerCredentialIsSentInsteadOfTheUsersOwnAuthorizationAndAppearsNowhere() throws Exception {
        String secret = "ghp_bearer-" + UUID.randomUUID();
        store("github", Map.of("kind", "bearer", "secret", secret));
        // The API echoes what it received: the preview must not show the secret.
        api.stubFor(get(urlEqualTo("/user")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"seen\":\"Bearer " + secret + "\"}")));

        Finished run = run("/user", new AutomationRequest(Map.of("authorization", "Bearer mine", "Accept", "x/y"),
                null, "github"));

        assertThat(run.event.status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        api.verify(1, getRequestedFor(urlEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + secret))
                .withHeader("Accept", equalTo("x/y")));
        assertThat(run.event.result().path("preview").asText()).isEqualTo("{\"seen\":\"Bearer [credential]\"}");
        assertThat(run.event.result().path("request").path("url").asText()).isEqualTo(api.baseUrl() + "/user");
        run.assertNowhere(secret);
    }

    @Test
    void headerBasicAndQueryCredentialsAreSentAsTheySay() throws Exception {
        String key = "hk-" + UUID.randomUUID();
        String password = "pw:" + UUID.randomUUID();
        String query = "q k&" + UUID.randomUUID();
        store("partner", Map.of("kind", "header", "header_name", "X-Api-Key", "secret", key));
        store("legacy", Map.of("kind", "basic", "username", "ops", "secret", password));
        store("maps", Map.of("kind", "query", "parameter_name", "key", "secret", query));
        api.stubFor(get(urlPathEqualTo("/h")).willReturn(aResponse().withBody("ok")));
        api.stubFor(get(urlPathEqualTo("/b")).willReturn(aResponse().withBody("ok")));
        api.stubFor(get(urlPathEqualTo("/q")).willReturn(aResponse().withStatus(404).withBody("no key " + query)));

        Finished header = run("/h", new AutomationRequest(Map.of("x-api-key", "mine"), null, "partner"));
        Finished basic = run("/b", new AutomationRequest(null, null, "legacy"));
        Finished inQuery = run("/q?lang=fr", new AutomationRequest(null, null, "maps"));

        api.verify(1, getRequestedFor(urlPathEqualTo("/h")).withHeader("X-Api-Key", equalTo(key)));
        String token = Base64.getEncoder().encodeToString(("ops:" + password).getBytes(StandardCharsets.UTF_8));
        api.verify(1, getRequestedFor(urlPathEqualTo("/b")).withHeader("Authorization", equalTo("Basic " + token)));
        api.verify(1, getRequestedFor(urlPathEqualTo("/q")).withQueryParam("lang", equalTo("fr"))
                .withQueryParam("key", equalTo(query)).withHeader("Authorization", absent()));
        assertThat(header.event.status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        assertThat(basic.event.status()).isEqualTo(ExecutionEvent.Status.COMPLETED);
        assertThat(inQuery.event.status()).isEqualTo(ExecutionEvent.Status.FAILED);
        assertThat(inQuery.event.error().code()).isEqualTo("api_error");
        header.assertNowhere(key);
        basic.assertNowhere(password);
        basic.assertNowhere(token);
        inQuery.assertNowhere(query);
        inQuery.assertNowhere(java.net.URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    @Test
    void aCallNamingACredentialTheUserDoesNotHaveFailsWithoutCallingTheApi() throws Exception {
        api.stubFor(get(urlEqualTo("/x")).willReturn(aResponse().withBody("ok")));
        store("mine", Map.of("kind", "bearer", "secret", "s"));
        Finished run = run("/x", new AutomationRequest(null, null, "someone-elses"));

        assertThat(run.event.status()).isEqualTo(ExecutionEvent.Status.FAILED);
        assertThat(run.event.error().code()).isEqualTo("credential_not_found");
        assertThat(run.event.error().message()).contains("someone-elses");
        api.verify(0, getRequestedFor(urlEqualTo("/x")));
    }

    private void store(String name, Map<String, String> credential) {
        Map<String, String> body = new java.util.HashMap<>(credential);
        body.put("name", name);
        given().contentType("application/json").body(body).post("/automation/credentials/" + user).then()
                .statusCode(201);
    }

    /** What a run left: its final event as sent, and its row. */
    private final class Finished {
        final ExecutionEvent event;
        final String eventText;
        final String row;

        Finished(ExecutionEvent event, String eventText, String row) {
            this.event = event;
            this.eventText = eventText;
            this.row = row;
        }

        void assertNowhere(String secret) {
            assertThat(eventText).doesNotContain(secret);
            assertThat(row).doesNotContain(secret);
        }
    }

    private Finished run(String path, AutomationRequest parts) throws Exception {
        String id = UUID.randomUUID().toString();
        String key = "automations/" + user + "/" + id + "/request.json";
        blobs.put(key, new ByteArrayInputStream(EventJson.mapper().writeValueAsBytes(parts)));
        kafka.send(Topics.WORKFLOW_API_AUTOMATION, id, new RunAutomation(id, user, "free", "GET " + path, "GET",
                api.baseUrl() + path, key, null));
        ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.EXECUTION_EVENTS, r -> id.equals(r.key())
                && (r.value().contains("COMPLETED") || r.value().contains("FAILED")), WAIT);
        String row;
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("SELECT row_to_json(r)::text"
                + " FROM automation.automation_runs r WHERE execution_id = ?::uuid")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                row = rows.next() ? rows.getString(1) : "";
            }
        }
        return new Finished(EventJson.mapper().readValue(record.value(), ExecutionEvent.class), record.value(), row);
    }
}
