package io.autoflow.gateway.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Topics;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.gateway.idempotency.IdempotencyConfig;
import io.autoflow.gateway.idempotency.IdempotencyKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} on the POSTs that start work, with Stripe's semantics: a retry gets the first answer and
 * starts nothing (one job row, one intent on Kafka), another request with the key is 422, concurrent duplicates make
 * one job, keys are per user, a 5xx frees the key and a claim whose request died lapses within its lease, the retry
 * running as the job the first try recorded.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class IdempotencyTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MESSAGE = "{\"message\": \"the backup finished\"}";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Pool db;

    @Inject
    IdempotencyKeys keys;

    @Inject
    IdempotencyConfig config;

    private TestUsers user;

    @BeforeEach
    void setUp() throws Throwable {
        user = TestUsers.create(apiKeys, "free");
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndStartsNothing() throws Throwable {
        String key = UUID.randomUUID().toString();
        ExtractableResponse<Response> first = post(user, "/api/notifications", key, MESSAGE).then().statusCode(202)
                .header("Idempotent-Replayed", nullValue()).extract();
        ExtractableResponse<Response> retry = post(user, "/api/notifications", key, MESSAGE).then().statusCode(202)
                .header("Idempotent-Replayed", "true").extract();

        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location")).contains("/api/jobs/");
        assertThat(retry.contentType()).startsWith("application/json");
        String jobId = first.path("job_id");
        assertThat(jobs(user)).isEqualTo(1);
        assertThat(intents(user, 1)).containsExactly(jobId);
    }

    @Test
    void everyRouteThatStartsWorkReplays() throws Throwable {
        // An API call's body above the 10 KB RESTEasy buffers at once: the request moves to a worker to be read.
        String call = "{\"url\": \"https://api.example.com/rates\", \"method\": \"POST\", \"body\": {\"note\": \""
                + "x".repeat(50_000) + "\"}}";
        Map<String, String> requests = Map.of(
                "/api/automations", call,
                "/api/schedules", "{\"cron\": \"0 9 * * MON\", \"reminder\": {\"message\": \"timesheet\"}}",
                "/api/notifications", MESSAGE);
        List<String> jobIds = new ArrayList<>();
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String key = UUID.randomUUID().toString();
            String first = post(user, request.getKey(), key, request.getValue()).then().statusCode(202).extract()
                    .body().asString();
            String again = post(user, request.getKey(), key, request.getValue()).then().statusCode(202)
                    .header("Idempotent-Replayed", "true").extract().body().asString();
            assertThat(again).as(request.getKey()).isEqualTo(first);
            jobIds.add(EventJson.mapper().readTree(first).path("job_id").asText());
        }
        byte[] csv = "city,sales\nLyon,3\n".getBytes(StandardCharsets.UTF_8);
        for (String path : List.of("/api/analytics/document", "/api/transforms")) {
            String key = UUID.randomUUID().toString();
            String request = path.equals("/api/transforms") ? "{\"target_format\": \"json\"}" : "{}";
            String first = upload(user, path, key, "cities.csv", csv, request).then().statusCode(202).extract()
                    .body().asString();
            String again = upload(user, path, key, "cities.csv", csv, request).then().statusCode(202)
                    .header("Idempotent-Replayed", "true").extract().body().asString();
            assertThat(again).as(path).isEqualTo(first);
            jobIds.add(EventJson.mapper().readTree(first).path("job_id").asText());
        }

        assertThat(jobs(user)).isEqualTo(jobIds.size());
        assertThat(intents(user, jobIds.size())).containsExactlyInAnyOrderElementsOf(jobIds);
    }

    @Test
    void theKeyWithAnotherRequestIsRefused() throws Throwable {
        String key = UUID.randomUUID().toString();
        post(user, "/api/notifications", key, MESSAGE).then().statusCode(202);

        post(user, "/api/notifications", key, "{\"message\": \"the backup failed\"}").then().statusCode(422)
                .body("code", is("idempotency_key_reused"));
        // The same body elsewhere is another request too.
        post(user, "/api/schedules", key, MESSAGE).then().statusCode(422).body("code", is("idempotency_key_reused"));
        assertThat(jobs(user)).isEqualTo(1);
    }

    @Test
    void anUploadIsTheSameRequestOnlyWithTheSameBytes() throws Throwable {
        String key = UUID.randomUUID().toString();
        byte[] csv = "city,sales\nLyon,3\n".getBytes(StandardCharsets.UTF_8);
        String jobId = upload(user, "/api/analytics/document", key, "sales.csv", csv, null).then().statusCode(202)
                .extract().path("job_id");
        // Another boundary, the same parts: the same request.
        upload(user, "/api/analytics/document", key, "sales.csv", csv, null).then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("job_id", is(jobId));

        byte[] other = "city,sales\nLyon,4\n".getBytes(StandardCharsets.UTF_8);
        upload(user, "/api/analytics/document", key, "sales.csv", other, null).then().statusCode(422)
                .body("code", is("idempotency_key_reused"));
        upload(user, "/api/analytics/document", key, "sales.csv", csv, "{\"output\": {\"format\": \"excel\"}}")
                .then().statusCode(422).body("code", is("idempotency_key_reused"));
        assertThat(jobs(user)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentDuplicatesMakeOneJob() throws Throwable {
        String key = UUID.randomUUID().toString();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/api/notifications"))
                .header("X-API-Key", user.key()).header("Idempotency-Key", key)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(MESSAGE)).build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<HttpResponse<String>> answers = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(threads.submit(() -> {
                    start.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> answer : sent) {
                answers.add(answer.get());
            }
        } finally {
            threads.shutdownNow();
        }

        Set<String> jobIds = new java.util.HashSet<>();
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isIn(202, 409);
            if (answer.statusCode() == 202) {
                jobIds.add(EventJson.mapper().readTree(answer.body()).path("job_id").asText());
            } else {
                assertThat(EventJson.mapper().readTree(answer.body()).path("code").asText())
                        .isEqualTo("idempotency_request_in_progress");
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
            }
        }
        assertThat(jobIds).hasSize(1);
        String jobId = jobIds.iterator().next();
        // Once the first has answered, a retry gets its answer.
        post(user, "/api/notifications", key, MESSAGE).then().statusCode(202).body("job_id", is(jobId));
        assertThat(jobs(user)).isEqualTo(1);
        assertThat(intents(user, 1)).containsExactly(jobId);
    }

    @Test
    void keysArePerUserAndWithoutOneEveryRequestIsAJob() throws Throwable {
        TestUsers other = TestUsers.create(apiKeys, "free");
        String key = UUID.randomUUID().toString();
        String mine = post(user, "/api/notifications", key, MESSAGE).then().statusCode(202).extract().path("job_id");
        String theirs = post(other, "/api/notifications", key, MESSAGE).then().statusCode(202)
                .header("Idempotent-Replayed", nullValue()).extract().path("job_id");
        assertThat(theirs).isNotEqualTo(mine);
        assertThat(jobs(other)).isEqualTo(1);

        post(other, "/api/notifications", null, MESSAGE).then().statusCode(202);
        post(other, "/api/notifications", null, MESSAGE).then().statusCode(202);
        assertThat(jobs(other)).isEqualTo(3);
        assertThat(jobs(user)).isEqualTo(1);
    }

    @Test
    void aKeyMustBeOneTo255PrintableAsciiCharacters() throws Throwable {
        for (String bad : List.of("", "k".repeat(256), "tab\there", "clé")) {
            post(user, "/api/notifications", bad, MESSAGE).then().statusCode(400)
                    .body("code", is("invalid_idempotency_key"));
        }
        upload(user, "/api/analytics/document", "k".repeat(256), "a.csv", "a\n1\n".getBytes(), null).then()
                .statusCode(400).body("code", is("invalid_idempotency_key"));
        assertThat(jobs(user)).isZero();
        post(user, "/api/notifications", "k".repeat(255), MESSAGE).then().statusCode(202);
        post(user, "/api/notifications", "~ printable: !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}", MESSAGE).then()
                .statusCode(202);
        assertThat(jobs(user)).isEqualTo(2);
    }

    @Test
    void aRefusalIsKeptButOurOwnFailureFreesTheKey() throws Throwable {
        String key = UUID.randomUUID().toString();
        post(user, "/api/notifications", key, "{}").then().statusCode(400).body("code", is("missing_message"))
                .header("Idempotent-Replayed", nullValue());
        post(user, "/api/notifications", key, "{}").then().statusCode(400).body("code", is("missing_message"))
                .header("Idempotent-Replayed", "true");
        post(user, "/api/notifications", key, MESSAGE).then().statusCode(422)
                .body("code", is("idempotency_key_reused"));

        // The test profile points the conversation client at a closed port: 503, ours, so nothing is kept.
        String chatKey = UUID.randomUUID().toString();
        post(user, "/api/chat", chatKey, "{\"message\": \"hi\"}").then().statusCode(503)
                .body("code", is("conversation_unavailable"));
        assertThat(keyRows(user, chatKey)).isZero();
        post(user, "/api/chat", chatKey, "{\"message\": \"hello\"}").then().statusCode(503)
                .header("Idempotent-Replayed", nullValue());
        assertThat(jobs(user)).isZero();
    }

    @Test
    void aRequestStillRunningHoldsItsKeyUntilItsClaimLapses() throws Throwable {
        String key = UUID.randomUUID().toString();
        String first = post(user, "/api/notifications", key, MESSAGE).then().statusCode(202).extract()
                .path("job_id");
        // As if that request were still running: no answer yet, claimed for another minute.
        sql("UPDATE gateway.idempotency_keys SET status = NULL, body = NULL, location = NULL,"
                + " claimed_until = now() + interval '1 minute' WHERE user_id = $1 AND key = $2", user, key);
        post(user, "/api/notifications", key, MESSAGE).then().statusCode(409)
                .header("Retry-After", "1").body("code", is("idempotency_request_in_progress"));

        // As if its gateway had died after recording the job, before keeping the answer: once the claim lapsed, a
        // retry runs again, as the same job, which it finds recorded instead of starting a second one.
        sql("UPDATE gateway.idempotency_keys SET claimed_until = now() - interval '1 second'"
                + " WHERE user_id = $1 AND key = $2", user, key);
        post(user, "/api/notifications", key, MESSAGE).then().statusCode(202)
                .header("Idempotent-Replayed", nullValue()).body("job_id", is(first));
        post(user, "/api/notifications", key, MESSAGE).then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("job_id", is(first));
        assertThat(jobs(user)).isEqualTo(1);
        assertThat(intents(user, 1)).containsExactly(first);
    }

    @Test
    void aLiveGatewayKeepsItsClaimsWhileADeadOnesLapseWithinTheLease() throws Throwable {
        // The test profile leases claims for 3 s and renews them every second.
        UUID owner = user.user().id;
        IdempotencyKeys otherGateway = new IdempotencyKeys(db, config);
        var running = VertxContextSupport.subscribeAndAwait(() -> keys.claim(owner, "slow", "a".repeat(64)));
        assertThat(running).isInstanceOf(IdempotencyKeys.Claimed.class);
        // The other gateway dies holding a claim: nothing renews it.
        var dead = (IdempotencyKeys.Claimed) VertxContextSupport.subscribeAndAwait(
                () -> otherGateway.claim(owner, "orphan", "b".repeat(64)));
        assertThat(VertxContextSupport.<IdempotencyKeys.Lookup>subscribeAndAwait(
                () -> keys.claim(owner, "orphan", "b".repeat(64)))).isInstanceOf(IdempotencyKeys.InProgress.class);

        Thread.sleep(config.claimLease().plusSeconds(1).toMillis());

        assertThat(VertxContextSupport.<IdempotencyKeys.Lookup>subscribeAndAwait(
                () -> otherGateway.claim(owner, "slow", "a".repeat(64))))
                .as("a request still running keeps its key past the lease")
                .isInstanceOf(IdempotencyKeys.InProgress.class);
        var retried = VertxContextSupport.<IdempotencyKeys.Lookup>subscribeAndAwait(
                () -> keys.claim(owner, "orphan", "b".repeat(64)));
        assertThat(retried).as("the dead gateway's claim lapsed: the same request runs, as the same job")
                .isInstanceOfSatisfying(IdempotencyKeys.Claimed.class,
                        claimed -> assertThat(claimed.jobId()).isEqualTo(dead.jobId()));

        // A lapsed claim taken by another request with the key starts another job.
        var lapsed = (IdempotencyKeys.Claimed) VertxContextSupport.subscribeAndAwait(
                () -> otherGateway.claim(owner, "reused", "c".repeat(64)));
        Thread.sleep(config.claimLease().plusSeconds(1).toMillis());
        assertThat(VertxContextSupport.<IdempotencyKeys.Lookup>subscribeAndAwait(
                () -> keys.claim(owner, "reused", "d".repeat(64))))
                .isInstanceOfSatisfying(IdempotencyKeys.Claimed.class,
                        claimed -> assertThat(claimed.jobId()).isNotEqualTo(lapsed.jobId()));
        VertxContextSupport.subscribeAndAwait(() -> keys.release((IdempotencyKeys.Claimed) running));
    }

    @Test
    void keysAreForgottenAfter24Hours() throws Throwable {
        String key = UUID.randomUUID().toString();
        post(user, "/api/notifications", key, MESSAGE).then().statusCode(202);
        sql("UPDATE gateway.idempotency_keys SET created_at = now() - interval '25 hours'"
                + " WHERE user_id = $1 AND key = $2", user, key);
        // Past its 24 h the key is new again, whatever it was used for.
        post(user, "/api/notifications", key, "{\"message\": \"another\"}").then().statusCode(202)
                .header("Idempotent-Replayed", nullValue());
        assertThat(jobs(user)).isEqualTo(2);

        String old = UUID.randomUUID().toString();
        post(user, "/api/notifications", old, MESSAGE).then().statusCode(202);
        sql("UPDATE gateway.idempotency_keys SET created_at = now() - interval '25 hours'"
                + " WHERE user_id = $1 AND key = $2", user, old);
        VertxContextSupport.subscribeAndAwait(() -> keys.forgetExpired());
        assertThat(keyRows(user, old)).isZero();
        assertThat(keyRows(user, key)).isEqualTo(1);
    }

    @Test
    void theApiDocumentsTheHeaderOnEveryRouteThatStartsWork() {
        var openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        assertThat(openApi.getString("components.parameters.IdempotencyKey.name")).isEqualTo("Idempotency-Key");
        assertThat(openApi.getString("components.parameters.IdempotencyKey.in")).isEqualTo("header");
        for (String path : List.of("/api/analytics/document", "/api/automations", "/api/transforms",
                "/api/notifications", "/api/schedules", "/api/chat", "/api/orchestrate", "/api/workflows/{id}/runs",
                "/api/jobs/{id}/rerun")) {
            assertThat(openApi.getList("paths.'" + path + "'.post.parameters.$ref", String.class)).as(path)
                    .contains("#/components/parameters/IdempotencyKey");
        }
    }

    private static io.restassured.response.Response post(TestUsers caller, String path, String key, String json) {
        RequestSpecification request = given().header("X-API-Key", caller.key()).contentType("application/json")
                .body(json);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return request.post(path);
    }

    private static io.restassured.response.Response upload(TestUsers caller, String path, String key,
            String fileName, byte[] content, String options) {
        RequestSpecification request = given().header("X-API-Key", caller.key()).header("Idempotency-Key", key)
                .multiPart("file", fileName, content, "text/csv");
        if (options != null) {
            request.multiPart("request", options, "application/json");
        }
        return request.post(path);
    }

    private long jobs(TestUsers owner) throws Throwable {
        return count("SELECT count(*) FROM gateway.jobs WHERE user_id = $1", Tuple.of(owner.user().id));
    }

    private long keyRows(TestUsers owner, String key) throws Throwable {
        return count("SELECT count(*) FROM gateway.idempotency_keys WHERE user_id = $1 AND key = $2",
                Tuple.of(owner.user().id, key));
    }

    private long count(String sql, Tuple arguments) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> db.preparedQuery(sql).execute(arguments)
                .map(rows -> rows.iterator().next().getLong(0)));
    }

    private void sql(String sql, TestUsers owner, String key) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> db.preparedQuery(sql).execute(Tuple.of(owner.user().id, key)));
    }

    /** The job ids of the owner's intents on Kafka: read until the expected number came and a while after. */
    private List<String> intents(TestUsers owner, int expected) throws Exception {
        List<String> jobIds = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.INTENTS));
            Instant until = Instant.now().plus(WAIT);
            boolean complete = false;
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    // Other tests put poison records on the shared topic: only this owner's intents count.
                    if (!record.value().contains(owner.user().id.toString())) {
                        continue;
                    }
                    IntentParsed intent = EventJson.mapper().readValue(record.value(), IntentParsed.class);
                    if (owner.user().id.toString().equals(intent.userId())) {
                        jobIds.add(intent.executionId());
                    }
                }
                if (!complete && jobIds.size() >= expected) {
                    // A duplicate would be published as soon as its job was recorded: a few seconds more show it.
                    complete = true;
                    until = Instant.now().plus(Duration.ofSeconds(3));
                }
            }
        }
        return jobIds;
    }
}
