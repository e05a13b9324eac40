package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Workflows on the running platform (issue 18), through the public API: the Monday example — a sales API called with
 * a stored credential (failing once, then answering), its JSON reshaped by JSONata, filtered, grouped and summed,
 * written as XLSX and emailed as an attachment, checked on the SMTP server; and a bad expression refused when saved.
 */
class WorkflowEndToEndIT extends OnThePlatform {

    @Test
    void theMondayExampleFetchesWithACredentialRetriesTotalsAndEmailsAnExcelFile() throws Exception {
        String credential = "sales-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("name", credential, "kind", "bearer",
                        "secret", Platform.API_TOKEN.substring("Bearer ".length())))
                .post(gateway.url() + "/api/credentials").then().statusCode(201);
        String subject = "Sales by product " + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> definition = Map.of("name", "Monday sales", "trigger", Map.of("type", "manual"),
                "steps", List.of(
                        Map.of("type", "http", "name", "fetch",
                                "url", platform.documentUrl("/api/sales") + "?week={{ trigger.payload.week }}",
                                "credential", credential, "retry", Map.of("max_attempts", 3, "backoff_seconds", 1)),
                        Map.of("type", "transform", "name", "totals", "input", "fetch", "jsonata", "data",
                                "operations", List.of(
                                        Map.of("op", "filter", "where", "region = 'EU'"),
                                        Map.of("op", "group_by", "by", List.of("product"), "aggregates",
                                                List.of(Map.of("function", "sum", "column", "revenue", "as",
                                                        "revenue"))),
                                        Map.of("op", "sort", "by", List.of(Map.of("column", "revenue",
                                                "descending", true)))),
                                "target_format", "xlsx"),
                        Map.of("type", "notify", "name", "send", "channel", "email", "subject", subject,
                                "message", "Week {{ steps.fetch.body.week }}: EU revenue of {{ steps.totals.rows }} products,"
                                        + " attached.",
                                "attach", "totals")));
        String workflow = given().header("X-API-Key", apiKey).contentType("application/json").body(definition)
                .post(gateway.url() + "/api/workflows").then().statusCode(201).extract().path("id");

        String run = given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("week", "2026-W49")).post(gateway.url() + "/api/workflows/" + workflow + "/runs")
                .then().statusCode(202).extract().path("job_id");
        JsonPath done = platform.awaitFinished(run);

        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
        assertThat(done.getString("workflow_type")).isEqualTo("workflow_run");
        assertThat(done.getList("result.steps.status")).containsExactly("completed", "completed", "completed");
        // The API answered 500 to the step's first job (all its own attempts): the step ran again after its
        // backoff, as a new job, and the run went on.
        assertThat(done.getInt("result.steps[0].attempt")).isEqualTo(2);
        assertThat(platform.salesCalls).filteredOn(call -> call.startsWith("week=2026-W49 "))
                .containsOnly("week=2026-W49 " + Platform.API_TOKEN).hasSize(Platform.SALES_FAILURES + 1);
        assertThat(done.getLong("result.steps[1].input_bytes")).isEqualTo(Platform.SALES.length());
        assertThat(done.prettify()).doesNotContain(Platform.API_TOKEN.substring("Bearer ".length()));
        // Each step's job is the user's to read, with its full result; not another user's.
        String totals = done.getString("result.steps[1].job_id");
        given().header("X-API-Key", apiKey).get(gateway.url() + "/api/jobs/" + totals).then().statusCode(200)
                .body("workflow_type", is("data_transform")).body("result.rows", is(3));
        given().header("Authorization", "Bearer " + Tokens.of(platform, "bob"))
                .get(gateway.url() + "/api/jobs/" + totals).then().statusCode(404);

        MimeMessage email = await().atMost(Platform.JOB_TIMEOUT).until(() -> withSubject(subject), m -> m != null);
        // The API's answer read as JSON by the message's template, the transform's count too.
        assertThat(textOf(email)).contains("Week 2026-W49: EU revenue of 3 products, attached.");
        List<String> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(attached(email,
                "totals.xlsx")))) {
            for (Row row : workbook.getSheetAt(0)) {
                rows.add(row.getCell(0).toString() + "=" + row.getCell(1).toString());
            }
        }
        assertThat(rows).containsExactly("product=revenue", "Gadget=250.0", "Widget=150.5", "Gizmo=75.0");
    }

    @Test
    void aRunFailedAtItsLastStepStartsAgainFromThereReusingWhatTheEarlierStepsMade() throws Exception {
        String missing = "partner-" + UUID.randomUUID().toString().substring(0, 8);
        String sales = credential();
        String workflow = saved(Map.of("name", "Totals to partner", "trigger", Map.of("type", "manual"),
                "steps", List.of(fetch(sales, 2, 1),
                        Map.of("type", "transform", "name", "totals", "input", "fetch", "jsonata", "data",
                                "target_format", "csv"),
                        Map.of("type", "http", "name", "post", "method", "POST",
                                "url", platform.documentUrl("/api/rates"), "credential", missing,
                                "body", Map.of("rows", "{{ steps.totals.rows }}")))));
        String first = run(workflow, "2026-W50");
        JsonPath failed = platform.awaitFinished(first);
        assertThat(failed.getString("status")).as(failed.prettify()).isEqualTo("failed");
        assertThat(failed.getString("error.code")).isEqualTo("credential_not_found");
        assertThat(failed.getString("error.details.step")).isEqualTo("post");
        assertThat(failed.getList("result.steps.status")).containsExactly("completed", "completed", "failed");
        long salesCalls = platform.salesCalls.size();

        // The partner's credential stored, the run starts again at its failed step: the sales are not fetched again.
        given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("name", missing, "kind", "bearer",
                        "secret", Platform.API_TOKEN.substring("Bearer ".length())))
                .post(gateway.url() + "/api/credentials").then().statusCode(201);
        String again = given().header("X-API-Key", apiKey).post(gateway.url() + "/api/jobs/" + first + "/rerun")
                .then().statusCode(202).extract().path("job_id");
        JsonPath done = platform.awaitFinished(again);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
        assertThat(done.getString("result.rerun_of")).isEqualTo(first);
        assertThat(done.getList("result.steps.reused")).containsExactly(true, true, null);
        assertThat(done.getString("result.steps[1].job_id")).isEqualTo(failed.getString("result.steps[1].job_id"));
        assertThat(platform.salesCalls).hasSize((int) salesCalls);
        given().header("X-API-Key", apiKey).post(gateway.url() + "/api/jobs/" + again + "/rerun").then()
                .statusCode(409).body("code", is("run_not_failed"));
    }

    @Test
    void aRunWaitingToRetryItsStepIsCancelledAndStaysSo() throws Exception {
        String workflow = saved(Map.of("name", "Slow retry", "trigger", Map.of("type", "manual"),
                "steps", List.of(fetch(credential(), 2, 600))));
        String run = run(workflow, "2026-W51");
        await().atMost(Platform.JOB_TIMEOUT).until(() -> given().header("X-API-Key", apiKey)
                .get(gateway.url() + "/api/jobs/" + run).then().extract().path("result.steps[0].status"),
                "waiting"::equals);
        given().header("X-API-Key", apiKey).post(gateway.url() + "/api/jobs/" + run + "/cancel").then()
                .statusCode(200).body("status", is("failed")).body("error.code", is("cancelled"))
                .body("result.steps[0].status", is("cancelled"));
        given().header("X-API-Key", apiKey).post(gateway.url() + "/api/jobs/" + run + "/cancel").then()
                .statusCode(409).body("code", is("run_finished"));
    }

    private static String credential() {
        String name = "sales-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("name", name, "kind", "bearer",
                        "secret", Platform.API_TOKEN.substring("Bearer ".length())))
                .post(gateway.url() + "/api/credentials").then().statusCode(201);
        return name;
    }

    private static Map<String, Object> fetch(String credential, int attempts, int backoffSeconds) {
        return Map.of("type", "http", "name", "fetch",
                "url", platform.documentUrl("/api/sales") + "?week={{ trigger.payload.week }}",
                "credential", credential,
                "retry", Map.of("max_attempts", attempts, "backoff_seconds", backoffSeconds));
    }

    private static String saved(Map<String, Object> definition) {
        return given().header("X-API-Key", apiKey).contentType("application/json").body(definition)
                .post(gateway.url() + "/api/workflows").then().statusCode(201).extract().path("id");
    }

    private static String run(String workflow, String week) {
        return given().header("X-API-Key", apiKey).contentType("application/json").body(Map.of("week", week))
                .post(gateway.url() + "/api/workflows/" + workflow + "/runs").then().statusCode(202)
                .extract().path("job_id");
    }

    @Test
    void rowsPostedToARunAreItsFirstStepsTable() {
        String workflow = saved(Map.of("name", "Posted rows", "trigger", Map.of("type", "manual"),
                "steps", List.of(Map.of("type", "transform", "name", "totals", "input", "trigger", "jsonata", "rows",
                        "operations", List.of(Map.of("op", "group_by", "by", List.of("product"), "aggregates",
                                List.of(Map.of("function", "sum", "column", "qty", "as", "qty")))),
                        "target_format", "json"))));
        String run = given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("rows", List.of(Map.of("product", "Widget", "qty", 2), Map.of("product", "Gadget",
                        "qty", 5), Map.of("product", "Widget", "qty", 3))))
                .post(gateway.url() + "/api/workflows/" + workflow + "/runs").then().statusCode(202)
                .extract().path("job_id");
        JsonPath done = platform.awaitFinished(run);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
        given().header("X-API-Key", apiKey).get(gateway.url() + "/api/jobs/" + done.getString("result.steps[0].job_id"))
                .then().statusCode(200).body("result.rows", is(2));
    }

    @Test
    void aWorkflowWithABadExpressionIsRefusedWhenSavedPointingAtItsStepAndField() {
        Map<String, Object> definition = Map.of("name", "Broken", "trigger", Map.of("type", "manual"),
                "steps", List.of(Map.of("type", "http", "name", "fetch", "url", "https://api.example.com"),
                        Map.of("type", "transform", "name", "totals", "input", "fetch", "target_format", "csv",
                                "operations", List.of(Map.of("op", "filter", "where", "revenue > ")))));
        given().header("X-API-Key", apiKey).contentType("application/json").body(definition)
                .post(gateway.url() + "/api/workflows").then().statusCode(422)
                .body("code", is("invalid_expression")).body("details.step", is(1))
                .body("details.operation", is(0));
    }
}
