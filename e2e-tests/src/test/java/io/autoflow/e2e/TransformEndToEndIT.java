package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Turn this spreadsheet into JSON": data transforms on the running platform. */
class TransformEndToEndIT extends OnThePlatform {

    @Test
    void aCsvAttachedToAChatMessageComesBackAsJson() throws Exception {
        String jobId = given().header("X-API-Key", apiKey)
                .multiPart("message", "convert this file to json")
                .multiPart("file", "sales.csv", Platform.resource("/sales.csv"), "text/csv")
                .post(gateway.url() + "/api/chat").then().statusCode(200)
                .body("intent", is("data_transform"))
                .body("job_id", notNullValue())
                .extract().path("job_id");

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("completed");
        assertThat(job.getString("workflow_type")).isEqualTo("data_transform");
        assertThat(job.getInt("result.rows")).isEqualTo(48);
        JsonNode rows = convertedRows(job);
        assertThat(rows).hasSize(48);
        assertThat(rows.get(0).path("date").asText()).isEqualTo("2026-01-05");
        assertThat(rows.get(0).path("region").asText()).isEqualTo("North");
        assertThat(rows.get(0).path("units").asInt()).isEqualTo(14);
        assertThat(rows.get(0).path("unit_price").decimalValue()).isEqualByComparingTo("34.50");
    }

    @Test
    void aCsvOnTheWebAskedForInAChatIsFetchedWhenItsJobRunsAndComesBackAsJson() throws Exception {
        String url = platform.documentUrl("/exports/sales.csv");
        String jobId = chat(null, "convert " + url + " to json").body("intent", is("data_transform"))
                .body("job_id", notNullValue()).extract().path("job_id");

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("completed");
        assertThat(job.getString("file_name")).isEqualTo("sales.csv");
        assertThat(job.getInt("result.rows")).isEqualTo(48);
        assertThat(convertedRows(job)).hasSize(48);
    }

    @Test
    void aConversionScheduledThroughTheApiFetchesItsDocumentWhenEachRunStarts() throws Exception {
        String scheduleId = given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("cron", "* * * * *", "conversion", Map.of("file",
                        platform.documentUrl("/exports/sales.csv"), "target_format", "json")))
                .post(gateway.url() + "/api/schedules").then().statusCode(202).extract().path("schedule_id");
        assertThat(platform.awaitFinished(scheduleId).getString("status")).isEqualTo("completed");

        // the first run starts at the next minute's turn
        String runId = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(
                () -> given().header("X-API-Key", apiKey).get(gateway.url() + "/api/schedules/" + scheduleId)
                        .then().statusCode(200).extract().<String>path("last_run_job_id"), id -> id != null);
        platform.awaitRecorded(runId);
        JsonPath run = platform.awaitFinished(runId);
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("completed");
        assertThat(run.getString("workflow_type")).isEqualTo("data_transform");
        assertThat(convertedRows(run)).hasSize(48);
        given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/schedules/" + scheduleId).then()
                .statusCode(200).body("status", is("cancelled"));
    }

    @Test
    void aChatFetchesNothingWhileTalkingAndSchedulesAConversionOfADocumentByItsAddress() throws Exception {
        // a host that never resolves (RFC 2606): the conversion is queued all the same, and its job says why it failed
        String nowhere = chat(null, "convert https://documents.example.invalid/exports/sales.csv to json")
                .body("intent", is("data_transform")).body("job_id", notNullValue()).extract().path("job_id");
        JsonPath failed = platform.awaitFinished(nowhere);
        assertThat(failed.getString("status")).as(failed.prettify()).isEqualTo("failed");
        assertThat(failed.getString("error.code")).as(failed.prettify()).startsWith("url_");

        String session = chat(null, "every monday at 9am convert " + platform.documentUrl("/exports/sales.csv")
                + " to xlsx").body("intent", is("schedule_task")).body("awaiting_confirmation", is(true))
                .body("parameters.task_intent", is("data_transform")).extract().path("session_id");
        String scheduleId = chat(session, "yes").body("job_id", notNullValue()).extract().path("job_id");
        assertThat(platform.awaitFinished(scheduleId).getString("status")).isEqualTo("completed");
        given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/schedules/" + scheduleId).then()
                .statusCode(200).body("status", is("cancelled"));

        // without its web address a conversion cannot repeat: said in the person's language
        String french = chat(null, "chaque lundi à 9h convertis ventes.csv en json").body("language", is("fr"))
                .extract().path("session_id");
        chat(french, "oui").body("job_id", org.hamcrest.Matchers.nullValue())
                .body("reply", is("Pour convertir un document selon un horaire, il me faut son adresse web (https://…)"
                        + " : chaque exécution le récupère tel qu'il est alors."));
    }

    /** What a conversion to JSON made, downloaded by the job's link. */
    private static JsonNode convertedRows(JsonPath job) throws Exception {
        return new ObjectMapper().readTree(given().get(gateway.url() + job.getString("download_url")).then()
                .statusCode(200).extract().asByteArray());
    }

    @Test
    void aWorkbookUploadedThroughTheApiComesBackAsOneJsonArrayPerSheet() throws Exception {
        String jobId = given().header("X-API-Key", apiKey)
                .multiPart("file", "Book1.xlsx", Platform.resource("/xlsx/Book1.xlsx"),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .multiPart("request", "{\"target_format\": \"json\"}", "application/json")
                .post(gateway.url() + "/api/transforms").then().statusCode(202).extract().path("job_id");

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("completed");
        JsonNode tables = convertedRows(job);
        assertThat(tables.has("Sheet1")).isTrue();
        assertThat(tables.path("Sheet2")).hasSize(10);
    }
}
