package io.autoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The OpenAPI document is the contract: a real request to every operation — its success and each error it documents
 * that a request can bring about — and every answer checked against the document as served (status documented,
 * media type documented for it, body valid against its schema). Statuses only a fault or a used-up quota brings
 * (409 while a retried request still runs, 429, 500, 503, 504) are left to the gateway's tests of those faults.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiContractEndToEndIT extends OnThePlatform {

    /** What no request of a well-behaved test can bring about: see the class comment. */
    private static final Set<String> FAULT_ONLY = Set.of("409", "429", "500", "503", "504");
    /** attachment_not_found: a conversation's document gone from storage meanwhile (the gateway's tests make it). */
    private static final Map<String, Set<String>> RARE = Map.of("sendChatMessage", Set.of("404"),
            "orchestrate", Set.of("404"));

    private static CheckedGateway api;
    private static final List<String> unexpected = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void readTheDocument() throws Exception {
        api = CheckedGateway.at(gateway.url());
    }

    @Test
    @Order(1)
    void theAccountAnswersAsDocumented() {
        send(200, "GET", "/api/me", local());
        send(200, "PATCH", "/api/me", local().contentType("application/json").body("{\"time_zone\":\"Europe/Paris\"}"));
        send(400, "PATCH", "/api/me", local().contentType("application/json").body("{}"));
        send(422, "PATCH", "/api/me", local().contentType("application/json").body("{\"time_zone\":\"Mars/Olympus\"}"));
        send(200, "PATCH", "/api/me", local().contentType("application/json").body("{\"time_zone\":null}"));

        send(200, "GET", "/api/me/api-keys", local());
        send(400, "GET", "/api/me/api-keys", local().queryParam("limit", "0"));
        String keyId = send(201, "POST", "/api/me/api-keys", local().contentType("application/json")
                .body("{\"name\":\"contract\",\"expires_at\":\"2099-01-01T00:00:00Z\"}")).path("id");
        send(422, "POST", "/api/me/api-keys", local().contentType("application/json")
                .body("{\"name\":\"old\",\"expires_at\":\"2001-01-01T00:00:00Z\"}"));
        send(400, "POST", "/api/me/api-keys", local().contentType("application/json").body("[]"));
        send(204, "DELETE", "/api/me/api-keys/" + keyId, local());
        send(404, "DELETE", "/api/me/api-keys/" + keyId, local());
        send(404, "DELETE", "/api/me/api-keys/not-a-key", local());

        send(200, "GET", "/api/me/usage", local());
        send(400, "GET", "/api/me/usage", local().queryParam("days", "abc"));
        send(201, "POST", "/api/me/webhook-secret", local());
        send(200, "GET", "/api/me/webhook-secret", local());
        send(200, "GET", "/api/me/export", local());
    }

    @Test
    @Order(1)
    void storedCredentialsAnswerAsDocumented() {
        send(201, "POST", "/api/credentials", json(local(), Map.of("name", "contract", "kind", "basic",
                "username", "ops", "secret", "contract-secret")));
        send(409, "POST", "/api/credentials", json(local(), Map.of("name", "contract", "kind", "bearer",
                "secret", "s")));
        send(400, "POST", "/api/credentials", json(local(), Map.of("name", "contract", "kind", "oauth",
                "secret", "s")));
        send(200, "GET", "/api/credentials", local());
        send(200, "PUT", "/api/credentials/contract", json(local(), Map.of("secret", "contract-secret-2")));
        send(400, "PUT", "/api/credentials/contract", json(local(), Map.of("secret", "")));
        send(404, "PUT", "/api/credentials/no-such-credential", json(local(), Map.of("secret", "s")));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // the platform runs with at most 10 per user
            Response answer = api.send("POST", "/api/credentials", json(local(), Map.of("name", "cap-" + i,
                    "kind", "bearer", "secret", "s")));
            if (answer.statusCode() != 201) {
                send(422, "POST", "/api/credentials", json(local(), Map.of("name", "cap-" + i, "kind", "bearer",
                        "secret", "s")));
                break;
            }
            made.add("cap-" + i);
        }
        for (String name : made) {
            send(204, "DELETE", "/api/credentials/" + name, local());
        }
        send(204, "DELETE", "/api/credentials/contract", local());
        send(404, "DELETE", "/api/credentials/contract", local());
    }

    @Test
    @Order(1)
    void workflowsAnswerAsDocumented() throws Exception {
        ObjectNode monday = (ObjectNode) new ObjectMapper().readTree(resource("/monday-sales.json"));
        String id = send(201, "POST", "/api/workflows", local().contentType("application/json")
                .body(monday.toString())).path("id");
        ObjectNode forward = monday.deepCopy();
        ((ObjectNode) forward.withArray("steps").get(1)).put("input", "send");
        send(422, "POST", "/api/workflows", local().contentType("application/json").body(forward.toString()));
        send(400, "POST", "/api/workflows", local().contentType("application/json") // read strictly
                .body("{\"name\": \"x\", \"trigger\": {\"type\": \"manual\"}, \"steps\": [], \"colour\": \"red\"}"));
        send(200, "GET", "/api/workflows", local());
        send(200, "GET", "/api/workflows/" + id, local());
        send(404, "GET", "/api/workflows/" + UUID.randomUUID(), local());
        monday.put("name", "Monday sales (EU)");
        send(200, "PUT", "/api/workflows/" + id, local().contentType("application/json").body(monday.toString()));
        send(422, "PUT", "/api/workflows/" + id, local().contentType("application/json").body(forward.toString()));
        send(404, "PUT", "/api/workflows/" + UUID.randomUUID(), local().contentType("application/json")
                .body(monday.toString()));
        send(400, "PUT", "/api/workflows/" + id, local().contentType("application/json").body("[]"));
        send(200, "PUT", "/api/workflows/" + id + "/enabled", json(local(), Map.of("enabled", false)));
        send(404, "PUT", "/api/workflows/not-a-workflow/enabled", json(local(), Map.of("enabled", true)));
        send(400, "PUT", "/api/workflows/" + id + "/enabled", json(local(), Map.of("enabled", "yes")));
        send(202, "POST", "/api/workflows/" + id + "/runs", json(local(), Map.of("week", "2026-W49")));
        String key = "run-" + UUID.randomUUID();
        send(202, "POST", "/api/workflows/" + id + "/runs", local().header("Idempotency-Key", key)); // no payload
        send(422, "POST", "/api/workflows/" + id + "/runs", json(local().header("Idempotency-Key", key),
                Map.of("week", "another")));
        send(400, "POST", "/api/workflows/" + id + "/runs", local().contentType("application/json").body("{"));
        send(404, "POST", "/api/workflows/" + UUID.randomUUID() + "/runs", json(local(), Map.of()));
        send(413, "POST", "/api/workflows/" + id + "/runs", json(local(), Map.of("notes", "x".repeat(300_000))));
        // A run under way (its first call fails, and waits 10 s to be tried again) is cancelled, then started again.
        String run = send(202, "POST", "/api/workflows/" + id + "/runs", local()).path("job_id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> "processing".equals(
                local().get(gateway.url() + "/api/jobs/" + run).then().extract().path("status")));
        send(200, "POST", "/api/jobs/" + run + "/cancel", local());
        send(404, "POST", "/api/jobs/" + UUID.randomUUID() + "/cancel", local());
        String again = "rerun-" + UUID.randomUUID();
        send(202, "POST", "/api/jobs/" + run + "/rerun", local().header("Idempotency-Key", again));
        send(422, "POST", "/api/jobs/" + UUID.randomUUID() + "/rerun", local().header("Idempotency-Key", again));
        send(400, "POST", "/api/jobs/" + run + "/rerun", local().header("Idempotency-Key", "x".repeat(300)));
        send(404, "POST", "/api/jobs/" + UUID.randomUUID() + "/rerun", local());
        send(204, "DELETE", "/api/workflows/" + id, local());
        send(404, "DELETE", "/api/workflows/" + id, local());
    }

    /** A webhook trigger's secret URL, as any sender meets it: no API key, JSON or a file. */
    @Test
    @Order(1)
    void aWorkflowsWebhookAnswersAsDocumented() {
        Map<String, Object> step = Map.of("type", "transform", "name", "rows", "input", "trigger",
                "target_format", "csv");
        Response open = send(201, "POST", "/api/workflows", json(local(), Map.of("name", "Contract hook",
                "trigger", Map.of("type", "webhook"), "steps", List.of(step))));
        Response signed = send(201, "POST", "/api/workflows", json(local(), Map.of("name", "Contract signed hook",
                "trigger", Map.of("type", "webhook", "verify_signature", true), "steps", List.of(step))));
        String hook = java.net.URI.create(open.path("webhook.url")).getPath();
        send(202, "POST", hook, CheckedGateway.request().contentType("application/json").body("[{\"a\": 1}]"));
        send(400, "POST", hook, CheckedGateway.request().contentType("application/json").body("{"));
        send(415, "POST", hook, CheckedGateway.request().contentType("image/png")
                .body(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0}));
        send(422, "POST", hook, CheckedGateway.request().contentType("text/csv")
                .body(io.autoflow.testsupport.Eicar.bytes()));
        send(401, "POST", java.net.URI.create(signed.path("webhook.url")).getPath(), CheckedGateway.request()
                .contentType("application/json").body("{}"));
        send(404, "POST", "/hooks/" + "A".repeat(43), CheckedGateway.request().contentType("application/json")
                .body("{}"));
        send(200, "PUT", "/api/workflows/" + open.path("id") + "/enabled", json(local(), Map.of("enabled", false)));
        send(409, "POST", hook, CheckedGateway.request().contentType("application/json").body("{}"));
        send(204, "DELETE", "/api/workflows/" + open.path("id"), local());
        send(204, "DELETE", "/api/workflows/" + signed.path("id"), local());
    }

    @Test
    @Order(2)
    void aDocumentAnalysisAndItsJobAnswerAsDocumented() {
        byte[] sales = resource("/sales.csv");
        String jobId = send(202, "POST", "/api/analytics/document", local().multiPart("file", "sales.csv", sales,
                "text/csv").multiPart("request", "{\"output\":{\"format\":\"excel\"}}", "application/json"))
                .path("job_id");
        send(400, "POST", "/api/analytics/document", local().multiPart("request", "{}", "application/json"));
        send(415, "POST", "/api/analytics/document", local().multiPart("file", "tool.exe",
                new byte[] {'M', 'Z', 0, 0, 1, 2, 3}, "application/octet-stream"));
        send(422, "POST", "/api/analytics/document", local().multiPart("file", "sales.csv", sales, "text/csv")
                .multiPart("request", "{\"output\":{\"format\":\"docx\"}}", "application/json"));
        String key = UUID.randomUUID().toString();
        send(202, "POST", "/api/analytics/document", local().header("Idempotency-Key", key)
                .multiPart("file", "sales.csv", sales, "text/csv"));
        send(422, "POST", "/api/analytics/document", local().header("Idempotency-Key", key)
                .multiPart("file", "other.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv"));

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).isEqualTo("completed");
        String unknown = UUID.randomUUID().toString();
        send(200, "GET", "/api/jobs/" + jobId, local());
        send(404, "GET", "/api/jobs/" + unknown, local());
        send(200, "GET", "/api/jobs/" + jobId + "/events", local().accept("text/event-stream"));
        send(404, "GET", "/api/jobs/" + unknown + "/events", local().accept("text/event-stream"));
        send(200, "GET", "/api/jobs/" + jobId + "/report", local());
        send(404, "GET", "/api/jobs/" + unknown + "/report", local());
        String download = job.getString("download_url");
        send(200, "GET", download.substring(download.indexOf("/files/")), CheckedGateway.request());
        send(404, "GET", "/files/not-a-link", CheckedGateway.request());
        send(200, "GET", "/api/jobs", local().queryParam("limit", "5"));
        send(400, "GET", "/api/jobs", local().queryParam("limit", "abc"));
    }

    @Test
    @Order(3)
    void theOtherWorkflowsAnswerAsDocumented() {
        byte[] sales = resource("/sales.csv");
        send(202, "POST", "/api/transforms", local().multiPart("file", "sales.csv", sales, "text/csv")
                .multiPart("request", "{\"target_format\":\"json\"}", "application/json"));
        send(400, "POST", "/api/transforms", local().multiPart("request", "{\"target_format\":\"json\"}",
                "application/json"));
        send(415, "POST", "/api/transforms", local().multiPart("file", "tool.exe", new byte[] {'M', 'Z', 0, 1},
                "application/octet-stream").multiPart("request", "{\"target_format\":\"json\"}", "application/json"));
        send(422, "POST", "/api/transforms", local().multiPart("file", "sales.csv", sales, "text/csv")
                .multiPart("request", "{\"target_format\":\"docx\"}", "application/json"));

        send(202, "POST", "/api/automations", json(local(), Map.of("url", platform.documentUrl("/api/rates?base=EUR"))));
        send(400, "POST", "/api/automations", json(local(), Map.of()));
        send(422, "POST", "/api/automations", json(local(), Map.of("url", "http://10.1.2.3/api")));

        send(202, "POST", "/api/notifications", json(local(), Map.of("message", "The contract test says hello")));
        send(400, "POST", "/api/notifications", json(local(), Map.of()));
        send(422, "POST", "/api/notifications", json(local(), Map.of("message", "x",
                "output", Map.of("delivery", "pigeon"))));

        send(200, "POST", "/api/chat", local().multiPart("message", "Hello, what can you do?"));
        send(400, "POST", "/api/chat", local().multiPart("session_id", "nothing-said"));
        send(413, "POST", "/api/chat", local().multiPart("message", "é".repeat(4001)));
        send(415, "POST", "/api/chat", local().contentType("text/plain").body("hello"));
        send(200, "POST", "/api/orchestrate", json(local(), Map.of("message", "Remind me to water the plants")));
        send(400, "POST", "/api/orchestrate", json(local(), Map.of()));
        String key = UUID.randomUUID().toString();
        send(200, "POST", "/api/orchestrate", json(local().header("Idempotency-Key", key), Map.of("message", "Hi")));
        send(422, "POST", "/api/orchestrate", json(local().header("Idempotency-Key", key), Map.of("message", "Bye")));
        send(422, "POST", "/api/chat", local().header("Idempotency-Key", key).multiPart("message", "Hello again"));
    }

    @Test
    @Order(4)
    void schedulesAnswerAsDocumented() {
        String scheduleId = send(202, "POST", "/api/schedules", json(local(), Map.of("cron", "0 9 * * 1",
                "time_zone", "America/New_York", "reminder", Map.of("message", "Weekly review"))))
                .path("schedule_id");
        send(400, "POST", "/api/schedules", json(local(), Map.of("time_zone", "UTC")));
        send(422, "POST", "/api/schedules", json(local(), Map.of("cron", "every monday",
                "reminder", Map.of("message", "x"))));
        platform.awaitFinished(scheduleId);
        String unknown = UUID.randomUUID().toString();
        send(200, "GET", "/api/schedules", local());
        send(400, "GET", "/api/schedules", local().queryParam("limit", "101"));
        send(200, "GET", "/api/schedules/" + scheduleId, local());
        send(404, "GET", "/api/schedules/" + unknown, local());
        send(200, "DELETE", "/api/schedules/" + scheduleId, local());
        send(404, "DELETE", "/api/schedules/" + unknown, local());
    }

    @Test
    @Order(5)
    void administrationAnswersAsDocumented() {
        List<String> topics = send(200, "GET", "/api/admin/dead-letters", local()).jsonPath().getList("topics.topic");
        assertThat(topics).isNotEmpty();
        String topic = topics.get(0);
        send(200, "GET", "/api/admin/dead-letters/" + topic, local());
        send(400, "GET", "/api/admin/dead-letters/" + topic, local().queryParam("limit", "-1"));
        send(404, "GET", "/api/admin/dead-letters/no-such-topic.dlq", local());
        send(200, "POST", "/api/admin/dead-letters/" + topic + "/replay", local());
        send(404, "POST", "/api/admin/dead-letters/no-such-topic.dlq/replay", local());
        send(404, "POST", "/api/admin/dead-letters/" + topic + "/replay", local().queryParam("id", "x".repeat(300)));
        send(400, "POST", "/api/admin/dead-letters/" + topic + "/replay", local().queryParam("id", "%20"));

        String alice = Tokens.of(platform, "alice");
        send(200, "GET", "/api/me", bearer(alice)); // signed in once: her account exists
        String aliceId = send(200, "GET", "/api/admin/users", local().queryParam("email", "alice@example.com"))
                .path("id");
        send(400, "GET", "/api/admin/users", local());
        send(404, "GET", "/api/admin/users", local().queryParam("email", "nobody@example.com"));
        send(200, "PUT", "/api/admin/users/" + aliceId + "/tier", json(local(), Map.of("tier", "free")));
        send(422, "PUT", "/api/admin/users/" + aliceId + "/tier", json(local(), Map.of("tier", "gold")));
        send(400, "PUT", "/api/admin/users/" + aliceId + "/tier", json(local(), Map.of("tier", 2)));
        send(404, "PUT", "/api/admin/users/" + UUID.randomUUID() + "/tier", json(local(), Map.of("tier", "pro")));
        send(403, "GET", "/api/admin/dead-letters", bearer(alice));
    }

    @Test
    @Order(6)
    void aFreshAccountAnswersAsDocumentedToItsEnd() throws Exception {
        String carol = Tokens.of(platform, "carol");
        long maxFile = send(200, "GET", "/api/me/usage", bearer(carol)).jsonPath().getLong("limits.max_file_bytes");
        send(413, "POST", "/api/analytics/document", bearer(carol).multiPart("file", "big.csv",
                csvOf(maxFile + 1), "text/csv"));
        send(413, "POST", "/api/transforms", bearer(carol).multiPart("file", "big.csv", csvOf(maxFile + 1),
                "text/csv").multiPart("request", "{\"target_format\":\"json\"}", "application/json"));
        send(404, "GET", "/api/me/webhook-secret", bearer(carol));
        send(204, "DELETE", "/api/me", bearer(carol));
    }

    /** Every operation that takes a credential refuses none (401) and one without the role it needs (403). */
    @Test
    @Order(7)
    void everySecuredOperationRefusesNoCredentialAndTheWrongOne() {
        String noRole = Tokens.of(platform, "norole");
        for (OpenApiContract.Operation operation : api.contract.operations()) {
            if (!operation.secured(api.contract.document())) {
                continue;
            }
            String path = operation.template().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            send(401, operation.method(), path, CheckedGateway.request());
            send(403, operation.method(), path, bearer(noRole));
        }
    }

    /** Every JSON body: one past the size JSON may have (413), one that is not JSON (415). */
    @Test
    @Order(8)
    void everyJsonBodyIsBoundedAndMustBeJson() {
        byte[] huge = ("{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (OpenApiContract.Operation operation : api.contract.operations()) {
            JsonNode content = operation.node().path("requestBody").path("content");
            if (content.has("application/json")) {
                String path = operation.template().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                send(413, operation.method(), path, local().contentType("application/json").body(huge));
                if (!content.has("*/*")) { // an operation that also takes any file reads text as one
                    send(415, operation.method(), path, local().contentType("text/plain").body("hello"));
                }
            }
        }
    }

    /** Every operation shows an example of its JSON request and JSON answer, each what its schema describes. */
    @Test
    @Order(9)
    void everyExampleIsWhatItsSchemaDescribes() {
        List<String> wrong = new ArrayList<>();
        for (OpenApiContract.Operation operation : api.contract.operations()) {
            exampleOf(operation.id() + " request",
                    operation.node().path("requestBody").path("content").path("application/json"), wrong);
            operation.node().path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")) {
                    exampleOf(operation.id() + " " + response.getKey(),
                            response.getValue().path("content").path("application/json"), wrong);
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    private static void exampleOf(String where, JsonNode media, List<String> wrong) {
        if (media.isMissingNode()) {
            return;
        }
        if (!media.has("example")) {
            wrong.add(where + ": no example");
            return;
        }
        api.contract.schemaViolations(media.path("schema"), media.get("example"))
                .forEach(violation -> wrong.add(where + ": " + violation));
    }

    /** Last: every operation met, with its success and every error it documents that a request can bring about. */
    @AfterAll
    static void everyOperationKeptTheContract() {
        Map<String, Set<String>> missing = new TreeMap<>();
        for (OpenApiContract.Operation operation : api.contract.operations()) {
            Set<String> seen = new TreeSet<>();
            api.contract.seen().getOrDefault(operation.id(), Set.of()).forEach(status -> seen.add(status.toString()));
            Set<String> expected = new TreeSet<>(operation.documentedStatuses());
            expected.removeAll(FAULT_ONLY);
            expected.removeAll(RARE.getOrDefault(operation.id(), Set.of()));
            expected.removeAll(seen);
            if (!expected.isEmpty()) {
                missing.put(operation.id(), expected);
            }
        }
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(unexpected).as("answers other than the test expected").isEmpty();
            soft.assertThat(api.violations()).as("answers that break the document").isEmpty();
            soft.assertThat(missing).as("documented statuses no request of this test brought about").isEmpty();
        });
    }

    /** Sends a request expecting a status; a different one is reported at the end, with all the others. */
    private static Response send(int expected, String method, String path, RequestSpecification request) {
        Response answer = api.send(method, path, request);
        if (answer.statusCode() != expected) {
            unexpected.add(method + " " + path + ": " + answer.statusCode() + " instead of " + expected + " — "
                    + answer.asString());
        }
        return answer;
    }

    private static RequestSpecification local() {
        return CheckedGateway.request().header("X-API-Key", apiKey);
    }

    private static RequestSpecification bearer(String token) {
        return CheckedGateway.request().header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification json(RequestSpecification request, Map<String, ?> body) {
        return request.contentType("application/json").body(body);
    }

    private static byte[] resource(String path) {
        try {
            return Platform.resource(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSV of exactly {@code size} bytes. */
    private static byte[] csvOf(long size) {
        byte[] csv = new byte[Math.toIntExact(size)];
        byte[] row = "1,2\n".getBytes(StandardCharsets.US_ASCII);
        byte[] header = "a,b\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < csv.length; i++) {
            csv[i] = i < header.length ? header[i] : row[(i - header.length) % row.length];
        }
        return csv;
    }
}
