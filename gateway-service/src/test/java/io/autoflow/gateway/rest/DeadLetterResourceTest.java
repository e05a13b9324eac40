package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.autoflow.events.Topics;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.Administrators;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API over the dead-letter topics, against a real Kafka: what each topic holds, its records with why they
 * failed, and replays that reach the original topic with the same key and value, once. Each test uses a dead-letter
 * topic of its own, so that none counts another's records.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class DeadLetterResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Administrators administrators;

    @Inject
    Pool db;

    private TestUsers admin;
    private KafkaTestClient kafka;

    @BeforeEach
    void setUp() throws Throwable {
        admin = TestUsers.admin(apiKeys, administrators);
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @Test
    void countsPerTopicTheRecordsNotReplayedYetWithTheTimesOfTheOldestAndNewest() {
        String topic = Topics.WORKFLOW_DATA_TRANSFORM;
        List<String> keys = deadLetters(topic, 3);

        JsonPath all = asAdmin().get("/api/admin/dead-letters").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("topics.topic", String.class))
                .containsExactlyElementsOf(Topics.deadLetterTopics());
        Map<String, Object> transforms = summaryOf(all, topic);
        assertThat(transforms).containsEntry("original_topic", topic).containsEntry("count", 3);
        Instant oldest = Instant.parse((String) transforms.get("oldest_at"));
        Instant newest = Instant.parse((String) transforms.get("newest_at"));
        assertThat(oldest).isBeforeOrEqualTo(newest);

        asAdmin().queryParam("id", keys.get(0)).post("/api/admin/dead-letters/" + topic + "/replay").then()
                .statusCode(200).body("replayed", is(1));

        Map<String, Object> after = summaryOf(asAdmin().get("/api/admin/dead-letters").then().statusCode(200)
                .extract().jsonPath(), topic);
        assertThat(after).containsEntry("count", 2).containsEntry("newest_at", transforms.get("newest_at"));
        assertThat(Instant.parse((String) after.get("oldest_at"))).isAfterOrEqualTo(oldest);
    }

    @Test
    void showsEachRecordWithWhyItFailedAndWhereItCameFromPageByPage() {
        String topic = Topics.DELIVERY_EVENTS;
        List<String> keys = deadLetters(topic, 5);

        JsonPath first = asAdmin().queryParam("limit", 2).get("/api/admin/dead-letters/" + topic).then()
                .statusCode(200).body("topic", is(Topics.dlq(topic))).body("has_more", is(true))
                .extract().jsonPath();
        assertThat(first.getList("dead_letters.key", String.class)).containsExactly(keys.get(0), keys.get(1));
        Map<String, Object> record = first.getMap("dead_letters[0]");
        assertThat(record).containsEntry("id", "0:" + record.get("offset"))
                .containsEntry("partition", 0)
                .containsEntry("original_topic", topic)
                .containsEntry("original_partition", 3)
                .containsEntry("original_offset", 100)
                .containsEntry("reason", "Could not handle " + keys.get(0))
                .containsEntry("cause", "Connection refused")
                .containsEntry("exception", "java.lang.IllegalStateException")
                .containsEntry("value", Map.of("execution_id", keys.get(0), "n", 0))
                .doesNotContainKey("replayed_at");
        assertThat(Instant.parse((String) record.get("timestamp"))).isBefore(Instant.now().plusSeconds(1));

        JsonPath second = asAdmin().queryParam("limit", 2).queryParam("starting_after", first.getString(
                "dead_letters[1].id")).get("/api/admin/dead-letters/" + Topics.dlq(topic)).then().statusCode(200)
                .body("has_more", is(true)).extract().jsonPath();
        assertThat(second.getList("dead_letters.key", String.class)).containsExactly(keys.get(2), keys.get(3));
        asAdmin().queryParam("limit", 2).queryParam("starting_after", second.getString("dead_letters[1].id"))
                .get("/api/admin/dead-letters/" + topic).then().statusCode(200)
                .body("has_more", is(false)).body("dead_letters.key", is(List.of(keys.get(4))));

        asAdmin().queryParam("id", first.getString("dead_letters[1].id"))
                .post("/api/admin/dead-letters/" + topic + "/replay").then().statusCode(200).body("replayed", is(1));
        asAdmin().get("/api/admin/dead-letters/" + topic).then().statusCode(200)
                .body("dead_letters.key", is(List.of(keys.get(0), keys.get(2), keys.get(3), keys.get(4))));
        JsonPath everything = asAdmin().queryParam("include_replayed", true).get("/api/admin/dead-letters/" + topic)
                .then().statusCode(200).extract().jsonPath();
        assertThat(everything.getList("dead_letters.key", String.class)).containsExactlyElementsOf(keys);
        assertThat(everything.getString("dead_letters[1].replayed_at")).isNotNull();
        assertThat(everything.getString("dead_letters[0].replayed_at")).isNull();
    }

    @Test
    void aReplaySendsEachRecordToItsTopicWithTheSameKeyAndValueAndNeverTwice() {
        String topic = Topics.WORKFLOW_API_AUTOMATION;
        List<String> keys = deadLetters(topic, 3);
        String dlq = "/api/admin/dead-letters/" + topic + "/replay";
        long firstOffset = asAdmin().get("/api/admin/dead-letters/" + topic).then().statusCode(200).extract()
                .jsonPath().getLong("dead_letters[0].offset");

        asAdmin().queryParam("id", Long.toString(firstOffset)).post(dlq).then().statusCode(200)
                .body("topic", is(Topics.dlq(topic))).body("replayed", is(1)).body("already_replayed", is(0))
                .body("ids", is(List.of("0:" + firstOffset)));
        asAdmin().post(dlq).then().statusCode(200).body("replayed", is(2)).body("already_replayed", is(1));
        asAdmin().post(dlq).then().statusCode(200).body("replayed", is(0)).body("already_replayed", is(3));
        asAdmin().queryParam("id", Long.toString(firstOffset)).post(dlq).then().statusCode(200)
                .body("replayed", is(0)).body("already_replayed", is(1));

        List<ConsumerRecord<String, String>> replayed = replayedOn(topic, keys);
        assertThat(replayed).extracting(ConsumerRecord::key).containsExactlyElementsOf(keys);
        for (int i = 0; i < keys.size(); i++) {
            ConsumerRecord<String, String> record = replayed.get(i);
            assertThat(record.value()).isEqualTo(value(keys.get(i), i));
            assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo("io.autoflow.test.v1");
            assertThat(KafkaTestClient.header(record, "autoflow-replay-of"))
                    .isEqualTo(Topics.dlq(topic) + "/0/" + (firstOffset + i));
            assertThat(record.headers()).noneMatch(h -> h.key().startsWith("dead-letter-"));
        }
        long audited = db.preparedQuery("SELECT count(*) FROM gateway.audit_log WHERE action = 'dead_letters.replayed'"
                + " AND actor = $1 AND target = $2").execute(Tuple.of(admin.user().id.toString(), Topics.dlq(topic)))
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(audited).isEqualTo(4);
    }

    @Test
    void replaysAtTheSameMomentSendEachRecordOnce() {
        String topic = Topics.WORKFLOW_TASK_SCHEDULER;
        List<String> keys = deadLetters(topic, 20);
        String dlq = "/api/admin/dead-letters/" + topic + "/replay";

        List<CompletableFuture<JsonPath>> replays = IntStream.range(0, 3).mapToObj(i -> CompletableFuture.supplyAsync(
                () -> asAdmin().post(dlq).then().statusCode(200).extract().jsonPath())).toList();
        List<String> ids = new ArrayList<>();
        replays.forEach(replay -> ids.addAll(replay.join().getList("ids", String.class)));

        assertThat(ids).hasSize(20).doesNotHaveDuplicates();
        assertThat(replayedOn(topic, keys)).extracting(ConsumerRecord::key).containsExactlyElementsOf(keys);
    }

    @Test
    void aRecordTheGatewayCouldNotReadIsShownAsItsBytesAndFailsAgainAsANewDeadLetterWhenReplayed() {
        String key = "poison-" + UUID.randomUUID();
        // The gateway's own consumer of intents (recorded-intents) cannot read this and dead-letters it.
        kafka.sendBytes(Topics.INTENTS, key, "{not json".getBytes(UTF_8));

        ConsumerRecord<String, String> raw = kafka.awaitRecord(Topics.dlq(Topics.INTENTS),
                r -> key.equals(r.key()), WAIT);
        for (String header : List.of("dead-letter-reason", "dead-letter-exception-class-name", "dead-letter-topic",
                "dead-letter-partition", "dead-letter-offset")) {
            assertThat(KafkaTestClient.header(raw, header)).as(header).isNotBlank();
        }
        Map<String, Object> shown = recordWithKey(key, null);
        assertThat(shown).containsEntry("value_text", "{not json").containsEntry("original_topic", Topics.INTENTS)
                .containsEntry("offset", (int) raw.offset()).doesNotContainKey("value");
        assertThat((String) shown.get("reason")).isNotBlank();
        assertThat(shown.get("original_offset")).isNotNull();

        asAdmin().queryParam("id", key).post("/api/admin/dead-letters/intents/replay").then().statusCode(200)
                .body("replayed", is(1));

        ConsumerRecord<String, String> replayed = kafka.awaitRecord(Topics.INTENTS,
                r -> key.equals(r.key()) && KafkaTestClient.header(r, "autoflow-replay-of") != null, WAIT);
        assertThat(replayed.value()).isEqualTo("{not json");
        assertThat(replayed.headers()).noneMatch(h -> h.key().startsWith("deserialization-failure-"));
        String replayOf = Topics.dlq(Topics.INTENTS) + "/" + raw.partition() + "/" + raw.offset();
        Map<String, Object> again = recordWithKey(key, replayOf);
        assertThat(again).containsEntry("value_text", "{not json");
        assertThat(again.get("id")).isNotEqualTo(shown.get("id"));
    }

    @Test
    void onlyAnAdministratorSeesOrReplaysDeadLetters() throws Throwable {
        String topic = Topics.NOTIFICATIONS;
        List<String> keys = deadLetters(topic, 1);
        TestUsers user = TestUsers.create(apiKeys, "enterprise");

        for (var request : List.of(given().header("X-API-Key", user.key()).when().get("/api/admin/dead-letters"),
                given().header("X-API-Key", user.key()).when().get("/api/admin/dead-letters/" + topic),
                given().header("X-API-Key", user.key()).when().post("/api/admin/dead-letters/" + topic + "/replay"),
                given().header("X-API-Key", user.key()).when().post("/api/admin/dead-letters/nosuch/replay"))) {
            request.then().statusCode(403).body("code", is("forbidden"))
                    .body("message", not(containsString(keys.get(0))));
        }
        given().when().get("/api/admin/dead-letters").then().statusCode(401);

        asAdmin().get("/api/admin/dead-letters/" + topic).then().statusCode(200)
                .body("dead_letters.key", hasItem(keys.get(0)));
    }

    @Test
    void refusesWhatItCannotReadNamingTheField() {
        asAdmin().get("/api/admin/dead-letters/nosuch").then().statusCode(404)
                .body("code", is("dead_letter_topic_not_found"));
        asAdmin().post("/api/admin/dead-letters/nosuch.dlq/replay").then().statusCode(404)
                .body("code", is("dead_letter_topic_not_found"));
        for (String limit : List.of("0", "101", "ten", "-1")) {
            asAdmin().queryParam("limit", limit).get("/api/admin/dead-letters/intents").then().statusCode(400)
                    .body("code", is("invalid_request")).body("details.field", is("limit"));
        }
        asAdmin().queryParam("starting_after", "yesterday").get("/api/admin/dead-letters/intents").then()
                .statusCode(400).body("details.field", is("starting_after"));
        asAdmin().queryParam("include_replayed", "yes").get("/api/admin/dead-letters/intents").then()
                .statusCode(400).body("details.field", is("include_replayed"));
        asAdmin().queryParam("id", "999999").post("/api/admin/dead-letters/user-events/replay").then()
                .statusCode(404).body("code", is("dead_letter_not_found"));
        asAdmin().queryParam("id", "no-such-job").post("/api/admin/dead-letters/user-events/replay").then()
                .statusCode(404).body("code", is("dead_letter_not_found"));
        asAdmin().queryParam("id", "job\u0001").post("/api/admin/dead-letters/user-events/replay").then()
                .statusCode(400).body("code", is("invalid_character")).body("details.field", is("id"));
    }

    private RequestSpecification asAdmin() {
        return given().header("X-API-Key", admin.key()).when();
    }

    /** Puts {@code count} records on the topic's dead-letter topic, as SmallRye's dead-letter queue writes them. */
    private List<String> deadLetters(String topic, int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = UUID.randomUUID().toString();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("ce_type", "io.autoflow.test.v1"); // an original header, carried to the dead letter
            headers.put("dead-letter-exception-class-name", "java.lang.IllegalStateException");
            headers.put("dead-letter-reason", "Could not handle " + key);
            headers.put("dead-letter-cause-class-name", "java.net.ConnectException");
            headers.put("dead-letter-cause", "Connection refused");
            headers.put("dead-letter-topic", topic);
            headers.put("dead-letter-partition", "3");
            headers.put("dead-letter-offset", Integer.toString(100 + i));
            kafka.sendBytes(Topics.dlq(topic), key, value(key, i).getBytes(UTF_8), headers);
            keys.add(key);
        }
        return keys;
    }

    private static String value(String key, int n) {
        return "{\"execution_id\":\"" + key + "\",\"n\":" + n + "}";
    }

    private static Map<String, Object> summaryOf(JsonPath all, String topic) {
        return all.getMap("topics.find { it.topic == '" + Topics.dlq(topic) + "' }");
    }

    /** The records replayed to the topic with these keys, in the order they were sent. */
    private List<ConsumerRecord<String, String>> replayedOn(String topic, List<String> keys) {
        Set<String> ours = new HashSet<>(keys);
        return kafka.readAll(topic, WAIT).stream()
                .filter(r -> ours.contains(r.key()) && KafkaTestClient.header(r, "autoflow-replay-of") != null)
                .sorted(Comparator.comparingLong(r -> Long.parseLong(
                        KafkaTestClient.header(r, "autoflow-replay-of").replaceAll(".*/", ""))))
                .toList();
    }

    /** The intents dead letter with this key (and this replay_of, when given), once the gateway shows it. */
    private Map<String, Object> recordWithKey(String key, String replayOf) {
        List<Map<String, Object>> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            List<Map<String, Object>> records = asAdmin().queryParam("limit", 100)
                    .get("/api/admin/dead-letters/intents").then().statusCode(200).extract().jsonPath()
                    .getList("dead_letters");
            found.clear();
            records.stream().filter(r -> key.equals(r.get("key"))
                    && (replayOf == null || replayOf.equals(r.get("replay_of")))).forEach(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }
}
