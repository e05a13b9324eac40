package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
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
        JsonNode rows = new ObjectMapper().readTree(given().get(gateway.url() + job.getString("download_url"))
                .then().statusCode(200).extract().asByteArray());
        assertThat(rows).hasSize(48);
        assertThat(rows.get(0).path("date").asText()).isEqualTo("2026-01-05");
        assertThat(rows.get(0).path("region").asText()).isEqualTo("North");
        assertThat(rows.get(0).path("units").asInt()).isEqualTo(14);
        assertThat(rows.get(0).path("unit_price").decimalValue()).isEqualByComparingTo("34.50");
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
        JsonNode tables = new ObjectMapper().readTree(given().get(gateway.url() + job.getString("download_url"))
                .then().statusCode(200).extract().asByteArray());
        assertThat(tables.has("Sheet1")).isTrue();
        assertThat(tables.path("Sheet2")).hasSize(10);
    }
}
