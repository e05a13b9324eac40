package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Every Monday at 9:00 call this API and send me the result": schedules on the running platform. */
class ScheduleEndToEndIT extends OnThePlatform {

    @Test
    void aScheduleAskedForInAConversationIsConfirmedSetUpAndCanBeStopped() {
        String url = platform.documentUrl("/api/rates?base=EUR");
        String session = chat(null, "every monday at 9am call " + url + " and email me the result")
                .body("intent", is("schedule_task"))
                .body("reply", startsWith("Shall I"))
                .extract().path("session_id");

        String jobId = chat(session, "yes").body("job_id", notNullValue()).extract().path("job_id");

        JsonPath setUp = platform.awaitFinished(jobId);
        assertThat(setUp.getString("status")).as(setUp.prettify()).isEqualTo("completed");
        assertThat(setUp.getString("workflow_type")).isEqualTo("schedule_task");
        JsonPath schedule = given().header("X-API-Key", apiKey).get(gateway.url() + "/api/schedules/" + jobId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(schedule.getString("cron")).isEqualTo("0 9 * * MON");
        assertThat(schedule.getString("status")).isEqualTo("active");
        assertThat(schedule.getList("next_runs")).hasSize(3);
        assertThat(schedule.getString("next_runs[0]")).contains("T09:00");

        given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/schedules/" + jobId).then()
                .statusCode(200).body("status", is("cancelled"));
        given().header("X-API-Key", apiKey).get(gateway.url() + "/api/schedules").then().statusCode(200)
                .body("find { it.schedule_id == '" + jobId + "' }.status", is("cancelled"));
    }

    @Test
    void aMessageAskedForInAConversationArrivesAndAReminderIsScheduled() throws Exception {
        String jobId = chat(null, "email me saying the database backup finished")
                .body("intent", is("notification")).body("job_id", notNullValue()).extract().path("job_id");
        JsonPath job = awaitDelivered(jobId);
        assertThat(job.getString("workflow_type")).isEqualTo("notification");
        jakarta.mail.internet.MimeMessage email = null;
        for (jakarta.mail.internet.MimeMessage received : platform.mail.getReceivedMessages()) {
            if (received.getSubject().equals("Reminder from Autoflow: the database backup finished")) {
                email = received;
            }
        }
        assertThat(email).as("the message's email").isNotNull();
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo("local@autoflow.localhost");

        String session = chat(null, "remind me to submit my timesheet every friday at 4pm")
                .body("intent", is("schedule_task")).body("reply", startsWith("Shall I"))
                .extract().path("session_id");
        String scheduleId = chat(session, "yes").body("job_id", notNullValue()).extract().path("job_id");
        assertThat(platform.awaitFinished(scheduleId).getString("status")).isEqualTo("completed");
        JsonPath schedule = given().header("X-API-Key", apiKey).get(gateway.url() + "/api/schedules/" + scheduleId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(schedule.getString("task_intent")).isEqualTo("notification");
        assertThat(schedule.getString("name")).startsWith("Reminder: submit my timesheet");
        assertThat(schedule.getString("next_runs[0]")).contains("T16:00");
        given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/schedules/" + scheduleId).then()
                .statusCode(200);
    }

    @Test
    void aScheduledCallRunsAtItsTimeAsAJobOfItsOwnAndItsAnswerIsMailed() {
        String scheduleId = given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("cron", "* * * * *", "task", Map.of("url", platform.documentUrl("/api/rates"),
                        "headers", Map.of("Authorization", Platform.API_TOKEN), "output", Map.of("delivery", "email"))))
                .post(gateway.url() + "/api/schedules").then().statusCode(202).extract().path("schedule_id");
        assertThat(platform.awaitFinished(scheduleId).getString("status")).isEqualTo("completed");

        // The first run starts at the next minute's turn, as a job the user sees in their list.
        String runId = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(
                () -> given().header("X-API-Key", apiKey).get(gateway.url() + "/api/schedules/" + scheduleId)
                        .then().statusCode(200).extract().<String>path("last_run_job_id"), id -> id != null);
        JsonPath run = awaitDelivered(runId);
        assertThat(run.getString("status")).isEqualTo("completed");
        assertThat(run.getString("workflow_type")).isEqualTo("api_automation");
        assertThat(run.getString("file_name")).isEqualTo("GET 127.0.0.1/api/rates");
        assertThat(run.getString("result.preview")).isEqualTo(Platform.RATES);

        given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/schedules/" + scheduleId).then()
                .statusCode(200).body("status", is("cancelled")).body("runs", org.hamcrest.Matchers.greaterThan(0));
    }
}
