package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.path.json.JsonPath;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** "Call this API and send me the result": through a conversation and the public API, on the running platform. */
class ApiAutomationEndToEndIT extends OnThePlatform {

    @Test
    void anApiCallAskedForInAConversationRunsAndItsAnswerArrivesByEmail() throws Exception {
        String url = platform.documentUrl("/api/rates?base=EUR");

        String jobId = chat(null, "call " + url + " and email me the result")
                .body("intent", is("api_automation"))
                .body("parameters.url", is(url))
                .body("job_id", notNullValue())
                .extract().path("job_id");

        JsonPath job = awaitDelivered(jobId);
        assertThat(job.getString("status")).isEqualTo("completed");
        assertThat(job.getString("workflow_type")).isEqualTo("api_automation");
        assertThat(job.getString("file_name")).isEqualTo("GET 127.0.0.1/api/rates");
        assertThat(job.getInt("result.status_code")).isEqualTo(200);
        assertThat(job.getString("result.preview")).isEqualTo(Platform.RATES);
        String answer = given().get(gateway.url() + job.getString("download_url")).then().statusCode(200)
                .extract().asString();
        assertThat(answer).isEqualTo(Platform.RATES);

        MimeMessage email = null;
        for (MimeMessage received : platform.mail.getReceivedMessages()) {
            if (received.getSubject().equals("Your API call GET 127.0.0.1/api/rates is done")) {
                email = received;
            }
        }
        assertThat(email).as("the answer's email").isNotNull();
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo("local@autoflow.localhost");
        BodyPart attachment = attachment((Multipart) email.getContent());
        assertThat(attachment.getFileName()).isEqualTo("GET 127.0.0.1_api_rates-answer.json");
        try (InputStream in = attachment.getInputStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Platform.RATES);
        }
    }

    @Test
    void aCallWithACredentialSendsItToTheApiAndKeepsItOutOfEveryRowAndEvent() throws Exception {
        String jobId = given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("url", platform.documentUrl("/api/rates"), "method", "GET",
                        "headers", Map.of("Authorization", Platform.API_TOKEN)))
                .post(gateway.url() + "/api/automations").then().statusCode(202).body("status", is("queued"))
                .extract().path("job_id");

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).as(job.prettify()).isEqualTo("completed");
        assertThat(job.getInt("result.status_code")).isEqualTo(200);
        assertThat(platform.apiCalls).contains("GET " + Platform.API_TOKEN);

        String secret = Platform.API_TOKEN.substring("Bearer ".length());
        try (Connection db = Platform.database(); Statement sql = db.createStatement()) {
            for (String query : new String[] {"SELECT intent::text FROM gateway.jobs WHERE id = '%s'",
                    "SELECT input_data::text FROM orchestrator.executions WHERE id = '%s'",
                    "SELECT output_data::text FROM orchestrator.executions WHERE id = '%s'"}) {
                try (ResultSet rows = sql.executeQuery(String.format(query, jobId))) {
                    assertThat(rows.next()).as(query).isTrue();
                    assertThat(rows.getString(1)).as(query).doesNotContain(secret);
                }
            }
        }
        // The headers are kept in the blob store, encrypted like every file there.
        try (Stream<Path> files = Files.walk(Path.of("target", "e2e", "blobs"))) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().contains(jobId)).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
                        .doesNotContain(secret);
            }
        }
    }

    @Test
    void anApiThatRefusesTheCallFailsTheJobWithItsAnswer() {
        String jobId = given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("url", platform.documentUrl("/api/rates"), "method", "POST", "body",
                        Map.of("symbols", "USD")))
                .post(gateway.url() + "/api/automations").then().statusCode(202).extract().path("job_id");

        JsonPath job = platform.awaitFinished(jobId);
        assertThat(job.getString("status")).isEqualTo("failed");
        assertThat(job.getString("error.code")).isEqualTo("api_error");
        assertThat(job.getInt("error.details.status_code")).isEqualTo(401);
        assertThat(job.getString("error.details.body")).contains("unauthorized");
    }

    private static BodyPart attachment(Multipart parts) throws Exception {
        for (int i = 0; i < parts.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                return parts.getBodyPart(i);
            }
        }
        throw new AssertionError("no attachment");
    }
}
