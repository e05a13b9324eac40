package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A workflow's schedule trigger on the running platform (issue 18): saved through the API, told by the orchestrator
 * to the scheduler, fired at the minute's turn as a run of the workflow's revision — a job in the owner's list —
 * whose notify step mails the owner (the address the workflow was saved with).
 */
class WorkflowScheduleEndToEndIT extends OnThePlatform {

    @Test
    void aScheduledWorkflowRunsAtItsTimeAndMailsItsOwner() throws Exception {
        String name = "Every minute " + UUID.randomUUID().toString().substring(0, 8);
        String subject = "Tick " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> definition = Map.of("name", name,
                "trigger", Map.of("type", "schedule", "cron", "* * * * *", "time_zone", "Europe/Paris"),
                "steps", List.of(Map.of("type", "notify", "name", "tell", "channel", "email", "subject", subject,
                        "message", "Run of {{ run.workflow }} revision {{ run.revision }}, started by its"
                                + " {{ trigger.type }}.")));
        String workflow = given().header("X-API-Key", apiKey).contentType("application/json").body(definition)
                .post(gateway.url() + "/api/workflows").then().statusCode(201).extract().path("id");

        String runId = await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofSeconds(1))
                .until(() -> runOf(name), id -> id != null);
        JsonPath run = platform.awaitFinished(runId);
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("completed");
        assertThat(run.getString("workflow_type")).isEqualTo("workflow_run");
        assertThat(run.getString("result.workflow_id")).isEqualTo(workflow);
        assertThat(run.getString("result.trigger")).isEqualTo("schedule");

        MimeMessage email = await().atMost(Platform.JOB_TIMEOUT).until(() -> withSubject(subject), m -> m != null);
        String owner = given().header("X-API-Key", apiKey).get(gateway.url() + "/api/me").then().statusCode(200)
                .extract().path("email");
        assertThat(Arrays.stream(email.getAllRecipients()).map(a -> ((InternetAddress) a).getAddress()))
                .containsExactly(owner);
        assertThat(textOf(email)).contains("Run of " + name + " revision 1, started by its schedule.");

        // Disabled, it starts nothing more; the platform says so at once, and the list of schedules never held it.
        given().header("X-API-Key", apiKey).contentType("application/json").body(Map.of("enabled", false))
                .put(gateway.url() + "/api/workflows/" + workflow + "/enabled").then().statusCode(200);
        List<String> schedules = given().header("X-API-Key", apiKey).get(gateway.url() + "/api/schedules").then()
                .statusCode(200).extract().path("schedules.name");
        assertThat(schedules).doesNotContain(name);
        given().header("X-API-Key", apiKey).delete(gateway.url() + "/api/workflows/" + workflow).then()
                .statusCode(204);
    }

    /** The newest run of the named workflow in the user's jobs list, or null. */
    private static String runOf(String name) {
        JsonPath jobs = given().header("X-API-Key", apiKey).queryParam("limit", 50).get(gateway.url() + "/api/jobs")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> found = jobs.getList("jobs.findAll { it.file_name == '" + name
                + "' && it.workflow_type == 'workflow_run' }");
        return found.isEmpty() ? null : (String) found.get(0).get("job_id");
    }
}
