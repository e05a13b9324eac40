package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A workflow's webhook trigger on the running platform (issue 18): the URL and secret the workflow shows, a signed
 * POST of rows from "another system" (this test, signing as Standard Webhooks senders do, with no API key) starting a
 * run whose transform step totals the rows it received, as JSON and as a CSV file; a retry of the same message
 * starting nothing more; a bad signature refused; a disabled workflow's webhook refused.
 */
class WorkflowWebhookEndToEndIT extends OnThePlatform {

    private static final String ROWS = "[{\"product\": \"Widget\", \"qty\": 2}, {\"product\": \"Gadget\", \"qty\": 5},"
            + " {\"product\": \"Widget\", \"qty\": 3}]";
    private static final String CSV = "product,qty\nWidget,4\nGadget,1\nGizmo,7\nGadget,2\n";

    @Test
    void aSignedPostOfRowsRunsTheWorkflowOnThemAndNothingElseDoes() throws Exception {
        JsonPath saved = given().header("X-API-Key", apiKey).contentType("application/json").body(Map.of(
                "name", "Orders by product", "trigger", Map.of("type", "webhook", "verify_signature", true),
                "steps", List.of(Map.of("type", "transform", "name", "totals", "input", "trigger",
                        "operations", List.of(Map.of("op", "group_by", "by", List.of("product"), "aggregates",
                                List.of(Map.of("function", "sum", "column", "qty", "as", "qty")))),
                        "target_format", "json"))))
                .post(gateway.url() + "/api/workflows").then().statusCode(201).extract().jsonPath();
        String workflow = saved.getString("id");
        String url = saved.getString("webhook.url");
        String secret = saved.getString("webhook.secret");
        assertThat(url).matches(java.util.regex.Pattern.quote(gateway.url()) + "/hooks/[A-Za-z0-9_-]{43}");
        assertThat(secret).startsWith("whsec_");
        given().header("X-API-Key", apiKey).get(gateway.url() + "/api/workflows/" + workflow).then().statusCode(200)
                .body("webhook.url", is(url));

        // JSON rows: the run's payload, its transform step's table.
        String message = "msg_" + UUID.randomUUID();
        String run = signed(secret, message, ROWS.getBytes(StandardCharsets.UTF_8)).contentType("application/json")
                .post(url).then().statusCode(202).body("status", is("queued")).extract().path("job_id");
        JsonPath done = platform.awaitFinished(run);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
        assertThat(done.getString("workflow_type")).isEqualTo("workflow_run");
        assertThat(done.getString("result.trigger")).isEqualTo("webhook");
        assertThat(totals(done)).containsExactlyEntriesOf(new TreeMap<>(Map.of("Gadget", 5.0, "Widget", 5.0)));

        // The sender retries the same message: the answer names the same run, and no other starts.
        String again = signed(secret, message, ROWS.getBytes(StandardCharsets.UTF_8)).contentType("application/json")
                .post(url).then().statusCode(202).extract().path("job_id");
        assertThat(again).isEqualTo(run);

        // A CSV file: kept as the run's payload file, which the same step reads as its table.
        String fromFile = signed(secret, "msg_" + UUID.randomUUID(), CSV.getBytes(StandardCharsets.UTF_8))
                .contentType("text/csv").post(url).then().statusCode(202).extract().path("job_id");
        JsonPath fileDone = platform.awaitFinished(fromFile);
        assertThat(fileDone.getString("status")).as(fileDone.prettify()).isEqualTo("completed");
        assertThat(totals(fileDone)).containsExactlyEntriesOf(new TreeMap<>(Map.of("Gadget", 3.0, "Gizmo", 7.0,
                "Widget", 4.0)));

        // Signed with another secret, or not at all: refused, and nothing runs.
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
        given().contentType("application/json").body(ROWS).post(url).then().statusCode(401)
                .body("code", is("invalid_signature"));
        signed(other, "msg_" + UUID.randomUUID(), ROWS.getBytes(StandardCharsets.UTF_8))
                .contentType("application/json").post(url).then().statusCode(401)
                .body("code", is("invalid_signature"));

        // Disabled, the workflow's webhook starts nothing until it is enabled again.
        given().header("X-API-Key", apiKey).contentType("application/json").body(Map.of("enabled", false))
                .put(gateway.url() + "/api/workflows/" + workflow + "/enabled").then().statusCode(200)
                .body("enabled", is(false)).body("webhook.url", is(url));
        signed(secret, "msg_" + UUID.randomUUID(), ROWS.getBytes(StandardCharsets.UTF_8))
                .contentType("application/json").post(url).then().statusCode(409)
                .body("code", is("workflow_disabled"));

        // Deleted, its URL is no webhook any more.
        given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/workflows/" + workflow).then()
                .statusCode(204);
        signed(secret, "msg_" + UUID.randomUUID(), ROWS.getBytes(StandardCharsets.UTF_8))
                .contentType("application/json").post(url).then().statusCode(404)
                .body("code", is("webhook_not_found"));
    }

    /** The totals the run's transform step wrote (its JSON file, by the step job's link), by product. */
    private static Map<String, Double> totals(JsonPath run) throws Exception {
        JsonPath step = given().header("X-API-Key", apiKey)
                .get(gateway.url() + "/api/jobs/" + run.getString("result.steps[0].job_id")).then().statusCode(200)
                .body("workflow_type", is("data_transform")).extract().jsonPath();
        JsonNode rows = new ObjectMapper().readTree(given().get(gateway.url() + step.getString("download_url"))
                .then().statusCode(200).extract().asByteArray());
        Map<String, Double> totals = new TreeMap<>();
        rows.forEach(row -> totals.put(row.path("product").asText(), row.path("qty").asDouble()));
        assertThat(step.getInt("result.rows")).isEqualTo(totals.size());
        return totals;
    }

    /** A request signed as a Standard Webhooks sender signs it, now. */
    private static RequestSpecification signed(String secret, String id, byte[] body) throws Exception {
        long now = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((id + "." + now + ".").getBytes(StandardCharsets.UTF_8));
        String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        return given().header("webhook-id", id).header("webhook-timestamp", now).header("webhook-signature", signature)
                .body(body);
    }
}
