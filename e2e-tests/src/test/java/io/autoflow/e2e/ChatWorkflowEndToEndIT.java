package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A chained request said in the chat becomes a saved workflow (issue 18): the plan shown step by step, saved on yes,
 * run once when no schedule is said (the sales API behind a stored credential, its JSON answer's rows found, filtered,
 * totalled by product, an Excel file emailed), or left to its schedule.
 */
class ChatWorkflowEndToEndIT extends OnThePlatform {

    @Test
    void aChainedRequestIsPlannedSavedOnYesAndRunOnce() throws Exception {
        String credential = "chat-sales-" + UUID.randomUUID().toString().substring(0, 8);
        given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("name", credential, "kind", "bearer",
                        "secret", Platform.API_TOKEN.substring("Bearer ".length())))
                .post(gateway.url() + "/api/credentials").then().statusCode(201);
        // a query of its own: the sales API fails the first calls of each query (the fetch step tries again)
        String url = platform.documentUrl("/api/sales") + "?week=chat-" + UUID.randomUUID().toString().substring(0, 8);

        String session = chat(null, "fetch " + url + " using the " + credential + " credential, keep the rows where"
                + " region is EU, total revenue by product, and email me an Excel file")
                .body("intent", is("workflow")).body("awaiting_confirmation", is(true))
                .body("reply", is("Here is the plan, to run once now:\n1. Fetch " + url + " with your credential \u201c"
                        + credential + "\u201d.\n2. Keep the rows where region = EU, then total revenue by product;"
                        + " make an Excel file.\n3. Email it to you.\nShall I save this workflow and run it?"))
                .extract().path("session_id");
        JsonPath saved = chat(session, "yes").body("workflow_id", notNullValue()).body("job_id", notNullValue())
                .body("reply", containsString("Total revenue by product")).extract().jsonPath();

        String workflow = saved.getString("workflow_id");
        given().header("X-API-Key", apiKey).get(gateway.url() + "/api/workflows/" + workflow).then().statusCode(200)
                .body("name", is("Total revenue by product")).body("definition.trigger.type", is("manual"))
                .body("definition.steps[0].credential", is(credential))
                .body("definition.steps[2].attach", is("table"));
        JsonPath done = platform.awaitFinished(saved.getString("job_id"));
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
        assertThat(done.getList("result.steps.status")).containsExactly("completed", "completed", "completed");

        MimeMessage email = await().atMost(Platform.JOB_TIMEOUT)
                .until(() -> withSubject("Total revenue by product"), m -> m != null);
        assertThat(textOf(email))
                .contains("The result of your workflow \u201cTotal revenue by product\u201d is attached.");
        List<String> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(attached(email, "table.xlsx")))) {
            for (Row row : workbook.getSheetAt(0)) {
                rows.add(row.getCell(0).toString() + "=" + row.getCell(1).toString());
            }
        }
        // the rows of {"week": …, "data": [...]} found without being told where, EU only, summed by product
        assertThat(rows).containsExactly("product=revenue", "Gadget=250.0", "Gizmo=75.0", "Widget=150.5");
    }

    @Test
    void aScheduledChainIsSavedWithItsScheduleAndNotRunNow() {
        String session = chat(null, "every Monday at 8 fetch " + platform.documentUrl("/api/sales")
                + ", keep the EU rows, count orders by product and email me a csv")
                .body("intent", is("workflow")).body("reply", is("Which column should equal \u201cEU\u201d?"))
                .extract().path("session_id");
        chat(session, "region").body("awaiting_confirmation", is(true))
                .body("reply", containsString("Here is the plan, every Monday at 08:00 ("));
        String workflow = chat(session, "yes").body("workflow_id", notNullValue()).body("job_id", nullValue())
                .extract().path("workflow_id");
        try {
            given().header("X-API-Key", apiKey).get(gateway.url() + "/api/workflows/" + workflow).then()
                    .statusCode(200).body("definition.trigger.type", is("schedule"))
                    .body("definition.trigger.cron", is("0 8 * * MON")).body("enabled", is(true))
                    .body("definition.steps[1].operations[0].where", is("region = \"EU\""));
        } finally { // it would fire during the other tests on a Monday at 8
            given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/workflows/" + workflow).then()
                    .statusCode(204);
        }
    }
}
