package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
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
                .body("awaiting_confirmation", is(true))
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
        // RFC 3339 with seconds, in the schedule's zone.
        assertThat(schedule.getString("next_runs[0]")).matches(".*T09:00:00([+-]\\d{2}:\\d{2}|Z)");

        given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/schedules/" + jobId).then()
                .statusCode(200).body("status", is("cancelled"));
        given().header("X-API-Key", apiKey).get(gateway.url() + "/api/schedules?limit=100").then().statusCode(200)
                .body("schedules.find { it.schedule_id == '" + jobId + "' }.status", is("cancelled"));

        String analysis = chat(null, "every monday at 9am analyse " + platform.documentUrl("/exports/sales.csv")
                + " and email me the report").body("intent", is("schedule_task")).body("awaiting_confirmation", is(true))
                .extract().path("session_id");
        String analysisId = chat(analysis, "yes").body("job_id", notNullValue()).extract().path("job_id");
        assertThat(platform.awaitFinished(analysisId).getString("status")).isEqualTo("completed");
        JsonPath weekly = given().header("X-API-Key", apiKey).get(gateway.url() + "/api/schedules/" + analysisId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(weekly.getString("task_intent")).isEqualTo("document_analytics");
        assertThat(weekly.getString("name")).startsWith("Analysis of sales.csv (0 9 * * MON");
        given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/schedules/" + analysisId).then()
                .statusCode(200);
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
                .body("intent", is("schedule_task")).body("awaiting_confirmation", is(true))
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
    void aScheduledCallAndAScheduledAnalysisRunAtTheirTimeAsJobsOfTheirOwnAndAreMailed() throws Exception {
        String call = schedule(Map.of("url", platform.documentUrl("/api/rates"), "headers",
                Map.of("Authorization", Platform.API_TOKEN), "output", Map.of("delivery", "email")), "task");
        String analysis = schedule(Map.of("file", platform.documentUrl("/exports/sales.csv"), "output",
                Map.of("delivery", "email")), "analysis");

        // The first runs start at the next minute's turn, as jobs the user sees in their list.
        JsonPath callRun = awaitDelivered(awaitFirstRun(call));
        assertThat(callRun.getString("status")).isEqualTo("completed");
        assertThat(callRun.getString("workflow_type")).isEqualTo("api_automation");
        assertThat(callRun.getString("file_name")).isEqualTo("GET 127.0.0.1/api/rates");
        assertThat(callRun.getString("result.preview")).isEqualTo(Platform.RATES);

        // The analysis fetched the document when it ran, and its report was mailed.
        String analysisRunId = awaitFirstRun(analysis);
        JsonPath analysisRun = awaitDelivered(analysisRunId);
        assertThat(analysisRun.getString("status")).as(analysisRun.prettify()).isEqualTo("completed");
        assertThat(analysisRun.getString("workflow_type")).isEqualTo("document_analytics");
        assertThat(analysisRun.getString("file_name")).isEqualTo("sales.csv");
        assertThat(analysisRun.getString("result.source_url")).isEqualTo(platform.documentUrl("/exports/sales.csv"));
        assertThat(analysisRun.getInt("result.tables[0].row_count")).isEqualTo(48);
        MimeMessage email = emailAbout(analysisRunId);
        assertThat(email.getSubject()).isEqualTo("Your report on sales.csv is ready");
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) email.getContent();
        java.util.List<String> attached = new java.util.ArrayList<>();
        for (int i = 0; i < parts.getCount(); i++) {
            attached.add(String.valueOf(parts.getBodyPart(i).getFileName()));
        }
        assertThat(attached).contains("sales-report.pdf");

        for (String scheduleId : new String[] {call, analysis}) {
            given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/schedules/" + scheduleId).then()
                    .statusCode(200).body("status", is("cancelled"))
                    .body("runs", org.hamcrest.Matchers.greaterThan(0));
        }
    }

    /** Sets up a schedule running every minute; returns its id once it is set up. */
    private static String schedule(Map<String, Object> what, String kind) {
        String scheduleId = given().header("X-API-Key", apiKey).contentType("application/json")
                .body(Map.of("cron", "* * * * *", kind, what))
                .post(gateway.url() + "/api/schedules").then().statusCode(202).extract().path("schedule_id");
        assertThat(platform.awaitFinished(scheduleId).getString("status")).isEqualTo("completed");
        return scheduleId;
    }

    private static String awaitFirstRun(String scheduleId) {
        String runId = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(
                () -> given().header("X-API-Key", apiKey).get(gateway.url() + "/api/schedules/" + scheduleId)
                        .then().statusCode(200).extract().<String>path("last_run_job_id"), id -> id != null);
        platform.awaitRecorded(runId);
        return runId;
    }
}
