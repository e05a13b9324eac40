package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.SendMessage;
import io.autoflow.events.Topics;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestClient;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/notifications} and reminders: messages the platform sends for its users. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class NotificationSubmissionTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ApiKeys apiKeys;

    private TestUsers user;

    @BeforeEach
    void setUp() throws Throwable {
        user = TestUsers.create(apiKeys, "free");
    }

    @Test
    void aMessageGoesToTheCallersOwnAddressUnlessTold() throws Exception {
        String jobId = submit("/api/notifications", "{\"message\": \"the backup finished\\nall 3 disks\"}")
                .statusCode(202).extract().path("job_id");

        SendMessage message = parameters(jobId, SendMessage.class);
        assertThat(message.message()).isEqualTo("the backup finished\nall 3 disks");
        assertThat(message.name()).isEqualTo("the backup finished");
        assertThat(message.requestedBy()).isEqualTo(user.user().email);
        assertThat(message.output().delivery()).isEqualTo("email");
        assertThat(message.output().email()).isEqualTo(user.user().email);
    }

    @Test
    void aReminderIsAScheduleOfAMessage() throws Exception {
        String jobId = submit("/api/schedules", "{\"cron\": \"0 9 * * MON\", \"time_zone\": \"Europe/Paris\","
                + " \"reminder\": {\"message\": \"submit the timesheet\"}}").statusCode(202).extract().path("job_id");

        ScheduleTask schedule = parameters(jobId, ScheduleTask.class);
        assertThat(schedule.taskIntent()).isEqualTo(Intents.NOTIFICATION);
        assertThat(schedule.name()).isEqualTo("Reminder: submit the timesheet (0 9 * * MON, Europe/Paris)");
        SendMessage each = EventJson.mapper().convertValue(schedule.taskParameters(), SendMessage.class);
        assertThat(each.message()).isEqualTo("submit the timesheet");
        assertThat(each.output().email()).isEqualTo(user.user().email);
    }

    @Test
    void refusesAMessageThatCannotBeSent() {
        submit("/api/notifications", "{}").statusCode(400).body("code", is("missing_message"));
        submit("/api/notifications", "{\"message\": \"" + "x".repeat(2001) + "\"}").statusCode(413)
                .body("code", is("message_too_long"));
        submit("/api/notifications", "{\"message\": \"hi\", \"output\": {\"delivery\": \"email\", \"email\": \"x\"}}")
                .statusCode(422).body("code", is("invalid_email"));
        submit("/api/schedules", "{\"cron\": \"0 9 * * *\", \"reminder\": {\"message\": \"a\"},"
                + " \"task\": {\"url\": \"https://api.example.com\"}}").statusCode(400).body("code", is("missing_task"));
    }

    private <T> T parameters(String jobId, Class<T> type) throws Exception {
        IntentParsed intent = EventJson.mapper().readValue(new KafkaTestClient(bootstrapServers)
                .awaitRecord(Topics.INTENTS, r -> jobId.equals(r.key()), Duration.ofSeconds(20)).value(),
                IntentParsed.class);
        return EventJson.mapper().convertValue(intent.parameters(), type);
    }

    private ValidatableResponse submit(String path, String json) {
        return given().header("X-API-Key", user.key()).contentType("application/json").body(json).post(path).then();
    }
}
