package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.autoflow.events.EventJson;
import io.autoflow.events.Topics;
import io.autoflow.testsupport.HostileDocuments.Hostile;
import io.autoflow.testsupport.HostileDocuments;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input suite: a free-tier user sends every hostile document of {@link HostileDocuments} and hostile
 * requests (NUL characters, broken multipart framing, deeply nested JSON) while another user's ordinary small
 * analyses flow steadily. What must hold: every hostile document is refused at the door with a stable 4xx code or
 * its job ends with a stable code within the free tier's 60 s; every ordinary job completes in its usual time; every
 * service stays live throughout; no record reaches a dead-letter topic but a hostile job's. One round runs in
 * {@code ./autoflow test}; {@code -Dhostile.rounds=N} runs more, for the figures in the README.
 */
class HostileInputEndToEndIT extends OnThePlatform {

    private static final int ROUNDS = Integer.getInteger("hostile.rounds", 1);
    /** The ordinary flow runs at least this long, so that -Dhostile.rounds=0 measures it alone. */
    private static final Duration ORDINARY_AT_LEAST = Duration.ofSeconds(30);
    /** The free tier's processing time, which every hostile job must end within. */
    private static final Duration FREE_TIER_TIME = Duration.ofSeconds(60);
    /** Far above an ordinary small job's usual time (well under a second), far below a stuck worker. */
    private static final Duration ORDINARY_BOUND = Duration.ofSeconds(15);
    /** What each hostile document may end as: a code at the door or of its job, or "completed". */
    private static final Map<String, Set<String>> OUTCOMES = Map.ofEntries(
            Map.entry("cyclic PDF page tree", Set.of("corrupt_document")),
            Map.entry("deeply nested PDF", Set.of("empty_document")),
            Map.entry("prose laid out as columns", Set.of("completed")),
            Map.entry("XLSX zip bomb", Set.of("zip_bomb_detected")),
            Map.entry("DOCX zip bomb", Set.of("zip_bomb_detected")),
            Map.entry("CSV with 100,000 columns", Set.of("document_too_complex")),
            Map.entry("a single 5 MB cell", Set.of("completed")),
            Map.entry("a 10 MB cell under a header", Set.of("completed")),
            Map.entry("1,000 sheets", Set.of("document_too_complex")),
            Map.entry("NUL bytes", Set.of("unsupported_file_type", "file_type_mismatch")),
            Map.entry("PDF and ZIP in one file", Set.of("completed")));

    @Test
    void noHostileInputStopsTheWorkerDelaysOrdinaryJobsOrLeavesItsOwnJobUnfinished() throws Exception {
        Instant started = Instant.now();
        String hostileKey = freeTierKey();
        try (OrdinaryFlow ordinary = new OrdinaryFlow(); LivenessWatch liveness = new LivenessWatch()) {
            Map<String, String> hostileJobs = new LinkedHashMap<>();
            Map<String, String> outcomes = new LinkedHashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (Hostile hostile : HostileDocuments.all()) {
                    Response answer = given().header("X-API-Key", hostileKey)
                            .multiPart("file", hostile.fileName(), hostile.bytes(), hostile.mediaType())
                            .post(gateway.url() + "/api/analytics/document");
                    if (answer.statusCode() == 202) {
                        hostileJobs.put(answer.path("job_id"), hostile.name());
                    } else {
                        assertThat(answer.statusCode()).as(hostile.name()).isBetween(400, 499);
                        outcomes.put(hostile.name() + " #" + round, "refused " + answer.path("code"));
                        assertThat(OUTCOMES.get(hostile.name())).as(hostile.name())
                                .contains(answer.<String>path("code"));
                    }
                }
                hostileRequests(hostileKey);
            }

            // The free user's jobs, read in one request every few seconds (the tier counts requests).
            Map<String, JsonPath> ended = new LinkedHashMap<>();
            await().atMost(FREE_TIER_TIME.plusSeconds(30)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                JsonPath list = given().header("X-API-Key", hostileKey).get(gateway.url() + "/api/jobs?limit=100")
                        .then().statusCode(200).extract().jsonPath();
                for (Map<String, Object> job : list.<Map<String, Object>>getList("jobs")) {
                    String id = (String) job.get("job_id");
                    if (hostileJobs.containsKey(id) && List.of("completed", "failed").contains(job.get("status"))) {
                        ended.put(id, JsonPath.from(EventJson.mapper().writeValueAsString(job)));
                    }
                }
                return ended.keySet().containsAll(hostileJobs.keySet());
            });
            for (Map.Entry<String, JsonPath> job : ended.entrySet()) {
                String name = hostileJobs.get(job.getKey());
                String outcome = job.getValue().getString("status").equals("completed") ? "completed"
                        : job.getValue().getString("error.code");
                outcomes.put(name + " " + job.getKey().substring(0, 8), outcome);
                assertThat(OUTCOMES.get(name)).as(name).contains(outcome);
                Instant created = Instant.parse(job.getValue().getString("created_at"));
                Instant finished = Instant.parse(job.getValue().getString("completed_at"));
                assertThat(Duration.between(created, finished)).as(name).isLessThanOrEqualTo(FREE_TIER_TIME);
            }

            Thread.sleep(Math.max(0, Duration.between(Instant.now(), started.plus(ORDINARY_AT_LEAST)).toMillis()));
            List<Duration> ordinaryTimes = ordinary.finish();
            assertThat(ordinaryTimes).isNotEmpty().allSatisfy(t -> assertThat(t).isLessThan(ORDINARY_BOUND));
            assertThat(liveness.notLive()).as("services seen not live").isEmpty();
            assertThat(deadLettersSince(started)).as("dead letters of jobs other than hostile ones")
                    .allMatch(hostileJobs::containsKey);

            List<Duration> sorted = new ArrayList<>(ordinaryTimes);
            Collections.sort(sorted);
            System.out.printf("%nHostile input: %d rounds, %d documents and %d requests; outcomes %s%n"
                    + "Ordinary jobs meanwhile: %d, created->completed p50 %d ms, p99 %d ms, max %d ms%n"
                    + "Peak RSS (MB): %s%nOrdinary jobs in submission order (ms): %s%n%n", ROUNDS, ROUNDS * HostileDocuments.all().size(),
                    ROUNDS * 4, outcomes, sorted.size(), percentile(sorted, 50).toMillis(),
                    percentile(sorted, 99).toMillis(), sorted.get(sorted.size() - 1).toMillis(),
                    platform.services().stream().collect(java.util.stream.Collectors.toMap(ServiceProcess::name,
                            service -> service.peakRssKb() / 1024, (a, b) -> a, java.util.TreeMap::new)),
                    ordinaryTimes.stream().map(Duration::toMillis).toList());
        }
    }

    /** Requests no client should send: each gets a stable 4xx code, never a 500, and nothing is stored. */
    private static void hostileRequests(String key) {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        given().header("X-API-Key", key).contentType("application/json")
                .body("{\"url\": \"https://api.example.com/x\", \"method\": \"POST\", \"body\": " + nested + "}")
                .post(gateway.url() + "/api/automations").then().statusCode(400);
        given().header("X-API-Key", key).contentType("application/json")
                .body("{\"message\": \"hello\\u0000world\"}".getBytes(StandardCharsets.UTF_8))
                .post(gateway.url() + "/api/notifications").then().statusCode(400)
                .body("code", org.hamcrest.Matchers.is("invalid_character"));
        assertThat(raw(key, "multipart/form-data; boundary=", "--\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\"a.csv\"\r\n\r\na,b\r\n--\r\n")).contains("\"code\":\"malformed_multipart\"");
        assertThat(raw(key, "multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data;"
                + " name=\"file\"; filename=\"a\u0000.csv\"\r\n\r\na,b\r\n1,2\r\n--XyZ--\r\n"))
                .contains("\"code\":\"invalid_character\"");
    }

    /** A request body sent byte for byte, as no well-behaved client would: the answer's status and body. */
    private static String raw(String key, String contentType, String body) {
        try {
            var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(gateway.url() + "/api/analytics/document")).header("X-API-Key", key)
                    .header("Content-Type", contentType).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            body, StandardCharsets.UTF_8)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            return answer.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An API key of a free-tier user (bob, signed in once with the identity provider). */
    private static String freeTierKey() {
        String token = Tokens.of(platform, "bob");
        return given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"name\": \"hostile suite\"}").post(gateway.url() + "/api/me/api-keys")
                .then().statusCode(201).extract().path("key");
    }

    /** Every record that reached a dead-letter topic since then: the job ids they belong to. */
    private static List<String> deadLettersSince(Instant since) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = Topics.all().stream().filter(t -> t.name().endsWith(".dlq"))
                    .map(t -> new TopicPartition(t.name(), 0)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.timestamp() >= since.toEpochMilli()) {
                        keys.add(record.key());
                    }
                }
            }
        }
        return keys;
    }

    private static Duration percentile(List<Duration> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Another user's small analyses, one submitted every 700 ms, each followed to its end. */
    private static final class OrdinaryFlow implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<String> submitted = new CopyOnWriteArrayList<>();
        private final Thread submitter;

        OrdinaryFlow() throws Exception {
            byte[] sales = Platform.resource("/sales.csv");
            submitter = new Thread(() -> {
                while (running.get()) {
                    submitted.add(platform.submit("sales.csv", sales));
                    try {
                        Thread.sleep(700);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            submitter.start();
        }

        /** Stops submitting and waits for every job: each one's time from creation to completion. */
        List<Duration> finish() throws InterruptedException {
            running.set(false);
            submitter.join();
            List<Duration> times = new ArrayList<>();
            for (String id : submitted) {
                JsonPath job = platform.awaitFinished(id);
                assertThat(job.getString("status")).as("ordinary job " + id).isEqualTo("completed");
                times.add(Duration.between(Instant.parse(job.getString("created_at")),
                        Instant.parse(job.getString("completed_at"))));
            }
            return times;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            submitter.join();
        }
    }

    /** Asks every service whether it is live every half second, and remembers which was not, and when. */
    private static final class LivenessWatch implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Set<String> notLive = ConcurrentHashMap.newKeySet();
        private final Thread watcher = new Thread(() -> {
            while (running.get()) {
                for (ServiceProcess service : platform.services()) {
                    if (!service.isLive()) {
                        notLive.add(service.name() + " at " + Instant.now());
                    }
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        LivenessWatch() {
            watcher.start();
        }

        Set<String> notLive() {
            return new HashSet<>(notLive);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            watcher.join();
        }
    }
}
