package io.autoflow.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agroal.api.AgroalDataSource;
import io.autoflow.blob.BlobStore;
import io.autoflow.blob.SignedLinks;
import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.EventJson;
import io.autoflow.events.NotificationRequested;
import io.autoflow.events.Topics;
import io.autoflow.notification.store.Attempt;
import io.autoflow.notification.store.NotificationStore;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks to a real HTTP receiver (WireMock), checked with a verifier written here from the specification. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(SmtpServerResource.class)
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    BlobStore blobs;

    @Inject
    SignedLinks links;

    @Inject
    NotificationStore store;

    @Inject
    AgroalDataSource db;

    private KafkaTestClient kafka;
    private WireMockServer receiver;
    private String path;

    @BeforeEach
    void setUp() {
        kafka = new KafkaTestClient(bootstrapServers);
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        path = "/hooks/" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        receiver.stop();
    }

    @Test
    void theJobResultIsPostedSignedAsStandardWebhooksSpecifies() throws Exception {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        NotificationRequested request = request();
        String secret = createSecret(request.userId());
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        LoggedRequest call = awaitCalls(1).get(0);
        String body = call.getBodyAsString();
        assertThat(verify(secret, call.getHeader("webhook-id"), call.getHeader("webhook-timestamp"), body,
                call.getHeader("webhook-signature"))).isTrue();
        assertThat(verify(createSecretIn(), call.getHeader("webhook-id"), call.getHeader("webhook-timestamp"), body,
                call.getHeader("webhook-signature"))).as("another secret").isFalse();
        assertThat(verify(secret, call.getHeader("webhook-id"), call.getHeader("webhook-timestamp"),
                body.replace("completed", "COMPLETED"), call.getHeader("webhook-signature"))).as("a changed body")
                .isFalse();
        assertThat(call.getHeader("webhook-id")).isEqualTo("msg_" + request.notificationId());
        JsonNode sent = EventJson.mapper().readTree(body);
        assertThat(sent.path("type").asText()).isEqualTo("job.completed");
        assertThat(sent.path("data").path("job_id").asText()).isEqualTo(request.executionId());
        assertThat(sent.path("data").path("report_url").asText()).startsWith("http://localhost:8080/files/");
        assertThat(sent.path("data").path("charts").get(0).path("url").asText())
                .startsWith("http://localhost:8080/files/");
        assertThat(sent.path("data").path("insights").get(0).asText()).startsWith("Revenue rose");
        awaitDeliveryEvent(request, DeliveryEvent.Status.DELIVERED);
    }

    @Test
    void anApiCallsOutcomeCarriesItsStatusAndALinkToTheAnswer() throws Exception {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        NotificationRequested request = Requests.answered(blobs, "webhook", receiver.baseUrl() + path, "[1,2,3]");
        createSecret(request.userId());
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        JsonNode data = EventJson.mapper().readTree(awaitCalls(1).get(0).getBodyAsString()).path("data");
        assertThat(data.path("workflow_type").asText()).isEqualTo("api_automation");
        assertThat(data.path("status_code").asInt()).isEqualTo(200);
        assertThat(data.has("report_url")).isFalse();
        SignedLinks.Link answer = links.verify(data.path("answer_url").asText().replaceAll(".*/files/", ""),
                Instant.now()).orElseThrow();
        assertThat(answer.blobKey()).isEqualTo(request.result().path("response").path("key").asText());
    }

    /** Issue 18: a workflow's notify step by webhook links the earlier step's file and says its subject. */
    @Test
    void aWorkflowsMessageCarriesItsSubjectAndASignedLinkToTheEarlierStepsFile() throws Exception {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        String user = UUID.randomUUID().toString();
        NotificationRequested request = Requests.withAttachment(blobs, "webhook", receiver.baseUrl() + path, user,
                user, "Sales by product", new byte[] {'P', 'K', 3, 4}, "totals");
        String secret = createSecret(user);
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        LoggedRequest call = awaitCalls(1).get(0);
        assertThat(verifies(secret, call)).isTrue();
        JsonNode data = EventJson.mapper().readTree(call.getBodyAsString()).path("data");
        assertThat(data.path("workflow_type").asText()).isEqualTo("notification");
        assertThat(data.path("subject").asText()).isEqualTo("Sales by product");
        assertThat(data.path("message").asText()).isEqualTo("This week's EU revenue by product is attached.");
        assertThat(data.path("attachment_name").asText()).isEqualTo("totals.xlsx");
        assertThat(data.has("report_url")).isFalse();
        assertThat(data.path("attachment_url").asText()).startsWith("http://localhost:8080/files/");
        SignedLinks.Link file = links.verify(data.path("attachment_url").asText().replaceAll(".*/files/", ""),
                Instant.now()).orElseThrow();
        assertThat(file.blobKey()).isEqualTo(request.result().path("attachment").path("key").asText())
                .startsWith("transforms/" + user + "/").doesNotContain(request.executionId());
        assertThat(file.fileName()).isEqualTo("totals.xlsx");
        awaitDeliveryEvent(request, DeliveryEvent.Status.DELIVERED);
    }

    @Test
    void aWorkflowsMessageDoesNotLinkAFileUnderAnotherUsersPrefix() throws Exception {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        String user = UUID.randomUUID().toString();
        NotificationRequested request = Requests.withAttachment(blobs, "webhook", receiver.baseUrl() + path, user,
                UUID.randomUUID().toString(), "", new byte[] {'P', 'K', 3, 4}, "totals.xlsx");
        createSecret(user);
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        String body = awaitCalls(1).get(0).getBodyAsString();
        JsonNode data = EventJson.mapper().readTree(body).path("data");
        assertThat(data.has("attachment_url")).isFalse();
        assertThat(data.has("attachment_name")).isFalse();
        assertThat(data.has("subject")).as("a blank subject").isFalse();
        assertThat(body).doesNotContain("/files/");
        assertThat(data.path("message").asText()).isEqualTo("This week's EU revenue by product is attached.");
    }

    @Test
    void aReplacedSecretKeepsSigningNextToTheNewOneUntilTheOverlapEnds() throws Exception {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        NotificationRequested first = request();
        String old = createSecret(first.userId());
        var rotated = given().post("/notification/webhook-secrets/" + first.userId()).then().statusCode(200)
                .extract().jsonPath();
        String current = rotated.getString("secret");
        assertThat(Instant.parse(rotated.getString("previous_valid_until")))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        kafka.send(Topics.NOTIFICATIONS, first.executionId(), first);
        LoggedRequest during = awaitCalls(1).get(0);
        assertThat(verifies(current, during)).as("the new secret").isTrue();
        assertThat(verifies(old, during)).as("the replaced secret, during the overlap").isTrue();

        try (var c = db.getConnection(); var sql = c.prepareStatement(
                "UPDATE webhook_secrets SET previous_valid_until = now() - interval '1 second' WHERE user_id = ?")) {
            sql.setString(1, first.userId());
            sql.executeUpdate();
        }
        NotificationRequested second = Requests.completed(blobs, "webhook", receiver.baseUrl() + path, new byte[100],
                first.userId());
        kafka.send(Topics.NOTIFICATIONS, second.executionId(), second);
        LoggedRequest after = awaitCalls(2).get(1);
        assertThat(verifies(current, after)).isTrue();
        assertThat(verifies(old, after)).as("the replaced secret, after the overlap").isFalse();
        given().get("/notification/webhook-secrets/" + first.userId()).then().statusCode(200)
                .body("previous_valid_until", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aSecretThatNoLongerDecryptsFailsOnlyItsOwnWebhooksAndAReplacedOneIsLeftOut() throws Exception {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        // As after the platform's key changed: the stored bytes no longer decrypt.
        NotificationRequested replaced = request();
        createSecret(replaced.userId());
        String current = createSecret(replaced.userId());
        overwrite("previous_ciphertext", replaced.userId());
        NotificationRequested unreadable = request();
        createSecret(unreadable.userId());
        overwrite("ciphertext", unreadable.userId());

        kafka.send(Topics.NOTIFICATIONS, unreadable.executionId(), unreadable);
        kafka.send(Topics.NOTIFICATIONS, replaced.executionId(), replaced);

        assertThat(awaitDeliveryEvent(unreadable, DeliveryEvent.Status.FAILED).error().code())
                .isEqualTo("webhook_secret_unreadable");
        awaitDeliveryEvent(replaced, DeliveryEvent.Status.DELIVERED);
        LoggedRequest call = awaitCalls(1).get(0);
        assertThat(verifies(current, call)).isTrue();
        assertThat(call.getHeader("webhook-signature")).doesNotContain(" ");
    }

    private void overwrite(String column, String userId) throws Exception {
        try (var c = db.getConnection(); var sql = c.prepareStatement(
                "UPDATE webhook_secrets SET " + column + " = ? WHERE user_id = ?")) {
            sql.setBytes(1, new byte[40]);
            sql.setString(2, userId);
            sql.executeUpdate();
        }
    }

    private static boolean verifies(String secret, LoggedRequest call) throws Exception {
        return verify(secret, call.getHeader("webhook-id"), call.getHeader("webhook-timestamp"),
                call.getBodyAsString(), call.getHeader("webhook-signature"));
    }

    @Test
    void a503IsRetriedWithTheSameIdAndBodyUntilItSucceeds() throws Exception {
        receiver.stubFor(post(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        receiver.stubFor(post(urlEqualTo(path)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        NotificationRequested request = request();
        createSecret(request.userId());
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        awaitDeliveryEvent(request, DeliveryEvent.Status.DELIVERED);
        List<LoggedRequest> calls = awaitCalls(3);
        assertThat(calls).extracting(c -> c.getHeader("webhook-id")).containsOnly("msg_" + request.notificationId());
        assertThat(calls).extracting(LoggedRequest::getBodyAsString).containsOnly(calls.get(0).getBodyAsString());
        assertThat(store.attempts(request.notificationId())).extracting(Attempt::status, Attempt::responseCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("retrying", 503),
                        org.assertj.core.groups.Tuple.tuple("retrying", 503),
                        org.assertj.core.groups.Tuple.tuple("delivered", 200));
    }

    @Test
    void a400FailsAtOnceAndTheRequestGoesToTheDeadLetterTopic() throws Exception {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(400)));
        NotificationRequested request = request();
        createSecret(request.userId());
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        DeliveryEvent failed = awaitDeliveryEvent(request, DeliveryEvent.Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("webhook_rejected");
        assertThat(failed.responseCode()).isEqualTo(400);
        kafka.awaitRecord(Topics.dlq(Topics.NOTIFICATIONS), r -> r.value().contains(request.notificationId()), WAIT);
        Thread.sleep(1000);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
    }

    @Test
    void aReplayedRequestIsNotSentTwice() throws Exception {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        NotificationRequested request = request();
        createSecret(request.userId());
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);
        awaitDeliveryEvent(request, DeliveryEvent.Status.DELIVERED);
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);
        Thread.sleep(1500);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).hasSize(1);
    }

    @Test
    void aPrivateNetworkUrlOrAMissingSecretFailsWithAClearCode() throws Exception {
        NotificationRequested internal = Requests.completed(blobs, "webhook", "http://10.0.0.7/hook", new byte[10]);
        createSecret(internal.userId());
        kafka.send(Topics.NOTIFICATIONS, internal.executionId(), internal);
        assertThat(awaitDeliveryEvent(internal, DeliveryEvent.Status.FAILED).error().code())
                .isEqualTo("url_not_allowed");

        NotificationRequested unsigned = request();
        kafka.send(Topics.NOTIFICATIONS, unsigned.executionId(), unsigned);
        assertThat(awaitDeliveryEvent(unsigned, DeliveryEvent.Status.FAILED).error().code())
                .isEqualTo("webhook_secret_missing");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).isEmpty();
    }

    @Test
    void aHostThatDoesNotResolveIsTriedAFewTimesSoonThenFailsAsUnreachable() throws Exception {
        NotificationRequested request = Requests.completed(blobs, "webhook", "http://nosuch.invalid./hook",
                new byte[10]);
        createSecret(request.userId());
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        // The test's retry window is 30 s: the delivery ends long before it, after 3 attempts 200 ms apart.
        DeliveryEvent failed = awaitDeliveryEvent(request, DeliveryEvent.Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("url_unreachable");
        assertThat(failed.error().message()).startsWith("The host nosuch.invalid does not resolve; gave up after 3"
                + " attempts");
        assertThat(failed.attempt()).isEqualTo(3);
        assertThat(store.attempts(request.notificationId())).extracting(Attempt::status, Attempt::errorCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("retrying", "url_unreachable"),
                        org.assertj.core.groups.Tuple.tuple("retrying", "url_unreachable"),
                        org.assertj.core.groups.Tuple.tuple("failed", "url_unreachable"));
        kafka.awaitRecord(Topics.dlq(Topics.NOTIFICATIONS), r -> r.value().contains(request.notificationId()), WAIT);
    }

    @Test
    void aLoopbackAddressSpelledAmbiguouslyIsNeverCalledEvenWhereLoopbackIsAllowed() throws Exception {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
        NotificationRequested request = Requests.completed(blobs, "webhook", "http://0x7f000001:" + receiver.port()
                + path, new byte[10]);
        createSecret(request.userId());
        kafka.send(Topics.NOTIFICATIONS, request.executionId(), request);

        DeliveryEvent failed = awaitDeliveryEvent(request, DeliveryEvent.Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("url_not_allowed");
        assertThat(failed.error().message()).isEqualTo("The webhook URL cannot be called: its host 0x7f000001 is an"
                + " ambiguous IPv4 address (write it as four decimal numbers)");
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(path)))).isEmpty();
    }

    @Test
    void theSecretIsShownOnlyWhenItIsMade() {
        String user = UUID.randomUUID().toString();
        given().get("/notification/webhook-secrets/" + user).then().statusCode(404);
        String secret = createSecret(user);
        assertThat(secret).startsWith("whsec_");
        given().get("/notification/webhook-secrets/" + user).then().statusCode(200)
                .body("secret", org.hamcrest.Matchers.nullValue())
                .body("created_at", org.hamcrest.Matchers.notNullValue());
        assertThat(createSecret(user)).as("rotated").isNotEqualTo(secret);
    }

    private NotificationRequested request() throws Exception {
        return Requests.completed(blobs, "webhook", receiver.baseUrl() + path, new byte[100]);
    }

    private static String createSecret(String user) {
        return given().post("/notification/webhook-secrets/" + user).then().statusCode(200).extract()
                .path("secret");
    }

    private static String createSecretIn() {
        return createSecret(UUID.randomUUID().toString());
    }

    private List<LoggedRequest> awaitCalls(int count) {
        await().atMost(WAIT).until(() -> receiver.findAll(postRequestedFor(urlEqualTo(path))).size() >= count);
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private DeliveryEvent awaitDeliveryEvent(NotificationRequested request, DeliveryEvent.Status status)
            throws Exception {
        return Requests.awaitDeliveryEvent(kafka, request, status);
    }

    /**
     * Standard Webhooks verification, from the specification alone: the secret is the base64 after "whsec_"; the
     * signed content is "{id}.{timestamp}.{body}"; the header holds space-separated "v1,<base64 HMAC-SHA256>"
     * signatures, one of which must match; the timestamp must be within five minutes of now.
     */
    private static boolean verify(String secret, String id, String timestamp, String body, String header)
            throws Exception {
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.split("_", 2)[1]), "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String signature : header.split(" ")) {
            String[] versioned = signature.split(",", 2);
            if (versioned[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(versioned[1]))) {
                return true;
            }
        }
        return false;
    }
}
