package io.autoflow.conversation.rest;

import static io.autoflow.conversation.rest.ConversationTurns.send;
import static io.autoflow.testsupport.InternalRequests.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Conversations over several turns, their state in the real Redis of the local stack. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class MessageResourceTest {

    @Inject
    RedisDataSource redis;

    private final String user = UUID.randomUUID().toString();

    @Test
    void aQuestionIsAskedForWhatIsMissingAndTheNextMessageAnswersIt() {
        String session = send(user, null, "Please analyse my spreadsheet and email the report to me")
                .body("complete", is(false))
                .body("missing", contains("file"))
                .body("reply", startsWith("Which document should I analyse?"))
                .body("session_id", notNullValue())
                .extract().path("session_id");
        long ttl = redis.key().ttl("conversation:session:" + user + ":" + session);
        assertThat(ttl).isBetween(1L, 1800L);

        send(user, session, "here it is: https://example.com/data/sales.csv")
                .body("complete", is(true))
                .body("intent", is("document_analytics"))
                .body("parameters.file", is("https://example.com/data/sales.csv"))
                .body("parameters.delivery", is("email"))
                .body("parameters.email", is("me"))
                .body("missing", empty());
        assertThat(redis.key().exists("conversation:session:" + user + ":" + session)).isFalse();
    }

    @Test
    void cancelDropsTheRequestAndAnotherUserCannotContinueIt() {
        String session = send(user, null, "every Friday send the numbers by email")
                .body("intent", is("schedule_task")).body("missing", contains("task_intent", "email"))
                .extract().path("session_id");

        // For another user the same session id holds nothing: the message is a request of its own.
        send(UUID.randomUUID().toString(), session, "boss@corp.com").body("intent", not(is("schedule_task")));
        send(user, session, "cancel").body("reply", startsWith("Cancelled"));
        send(user, session, "boss@corp.com").body("intent", not(is("schedule_task")));
    }

    @Test
    void aScheduleWithoutATimeZoneRunsInTheUsersOrInUtc() {
        given().contentType("application/json").body(Map.of("user_id", user, "time_zone", "Europe/Paris",
                "message", "every Monday at 9am call https://api.example.com/orders")).post("/conversation/messages")
                .then().statusCode(200).body("parameters.time_zone", is("Europe/Paris"))
                .body("reply", containsString("(Europe/Paris)"));
        send(user, null, "every day at 18:30 call https://api.example.com/orders")
                .body("parameters.time_zone", is("UTC"));
        given().contentType("application/json").body(Map.of("user_id", user, "time_zone", "Europe/Paris",
                "message", "every Monday at 9am New York time call https://api.example.com/orders"))
                .post("/conversation/messages").then().statusCode(200)
                .body("parameters.time_zone", is("America/New_York"));
    }

    @Test
    void aScheduleOrAnEmailToSomeoneElseIsConfirmedFirst() {
        String session = send(user, null, "every Monday at 9am call https://api.example.com/orders")
                .body("complete", is(false)).body("missing", empty())
                .body("awaiting_confirmation", is(true))
                .body("reply", is("Every Monday at 09:00 (UTC) I'll call GET https://api.example.com/orders; you can"
                        + " download the answer from the job. Shall I set it up?"))
                .extract().path("session_id");
        send(user, session, "yes").body("complete", is(true)).body("intent", is("schedule_task"))
                .body("parameters.cron", is("0 9 * * MON"));

        String other = send(user, null, "analyse https://example.com/a.csv and email the report to boss@corp.com")
                .body("awaiting_confirmation", is(true)).extract().path("session_id");
        send(user, other, "no").body("complete", is(false)).body("reply", startsWith("Fine, I will not"));
    }

    @Test
    void aMessageAskedForIsCompleteAndAReminderOrAnAnalysisIsAConfirmedScheduleOfOne() {
        send(user, null, "email me saying the backup finished").body("intent", is("notification"))
                .body("complete", is(true)).body("parameters.message", is("the backup finished"));

        String session = send(user, null, "remind me to submit my timesheet every Monday at 9am")
                .body("intent", is("schedule_task")).body("awaiting_confirmation", is(true))
                .extract().path("session_id");
        send(user, session, "yes").body("complete", is(true))
                .body("parameters.task_intent", is("notification"))
                .body("parameters.message", is("submit my timesheet"))
                .body("parameters.cron", is("0 9 * * MON"));

        String analysis = send(user, null, "every Monday at 9am analyse https://example.com/exports/sales.csv and"
                + " email me the report").body("intent", is("schedule_task")).body("awaiting_confirmation", is(true))
                .extract().path("session_id");
        send(user, analysis, "yes").body("complete", is(true))
                .body("parameters.task_intent", is("document_analytics"))
                .body("parameters.file", is("https://example.com/exports/sales.csv"))
                .body("parameters.email", is("me"))
                .body("parameters.cron", is("0 9 * * MON"));

        String asking = send(user, null, "let me know by email").body("intent", is("notification"))
                .body("missing", contains("message")).body("reply", is("What should the message say?"))
                .extract().path("session_id");
        send(user, asking, "\"the report is ready\"").body("parameters.message", is("the report is ready"));
    }

    @Test
    void aPrivateNetworkUrlIsRefusedInTheConversationAndAskedForAgain() {
        String session = send(user, null, "analyse http://169.254.169.254/latest/meta-data/iam and email it to me")
                .body("complete", is(false))
                .body("missing", contains("file"))
                .body("parameters.file", nullValue())
                .body("reply", startsWith("I cannot use http://169.254.169.254/latest/meta-data/iam: its host"))
                .body("reply", containsString("Which document should I analyse?"))
                .extract().path("session_id");
        send(user, session, "sorry, http://localhost:8080/admin.csv").body("complete", is(false))
                .body("reply", containsString("private, loopback"));
        send(user, session, "then https://example.com/sales.csv").body("complete", is(true))
                .body("parameters.file", is("https://example.com/sales.csv"));

        send(user, null, "call http://10.0.0.7/internal every Monday at 9am").body("missing", contains("url"))
                .body("reply", startsWith("I cannot use http://10.0.0.7/internal"));
    }

    @Test
    void aDocumentAttachedToAMessageIsTheRequestsFileAndAnswersTheQuestionForOne() {
        send(user, null, "here is my spreadsheet, email me the trends", "upload:doc-1").body("complete", is(true))
                .body("intent", is("document_analytics")).body("parameters.file", is("upload:doc-1"))
                .body("parameters.email", is("me"));

        String session = send(user, null, "analyse my data and show me the anomalies")
                .body("missing", contains("file")).extract().path("session_id");
        send(user, session, "there you go", "upload:doc-2").body("complete", is(true))
                .body("parameters.file", is("upload:doc-2"));

        send(user, null, "hello", "upload:doc-3").body("intent", is("document_analytics"))
                .body("parameters.file", is("upload:doc-3"));
    }

    @Test
    void helpAndSmalltalkAreAnsweredWithoutStartingAnything() {
        send(user, null, "what can you do?").body("intent", is("help")).body("complete", is(false))
                .body("reply", startsWith("I can analyse"));
        send(user, null, "hello").body("intent", is("smalltalk")).body("complete", is(false));
    }
}
