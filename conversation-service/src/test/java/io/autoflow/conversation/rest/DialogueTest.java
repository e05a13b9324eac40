package io.autoflow.conversation.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The dialogues new users had with the assistant (issue 24) that went wrong: answers read as new requests, the wrong
 * action, dead ends after "yes", schedules said in French, German and Spanish. Offline parser, real Redis.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class DialogueTest {

    private final String user = UUID.randomUUID().toString();

    @Test
    void theAnswerToAQuestionIsReadAsThatAnswerAndSomeoneNamedIsAskedFor() {
        String session = send(null, "send a msg to my boss").body("intent", is("notification"))
                .body("missing", contains("message", "email")).body("reply", is("What should the message say?"))
                .extract().path("session_id");
        send(session, "I'll be late tomorrow").body("parameters.message", is("I'll be late tomorrow"))
                .body("reply", is("What is the email address of your boss?"));
        send(session, "it's boss@corp.example").body("awaiting_confirmation", is(true))
                .body("reply", is("I'll email boss@corp.example: \u201cI'll be late tomorrow\u201d. Shall I go ahead?"));
        send(session, "yes").body("complete", is(true)).body("intent", is("notification"))
                .body("parameters.email", is("boss@corp.example"))
                .body("reply", is("On it: I'll email boss@corp.example: \u201cI'll be late tomorrow\u201d."));
    }

    @Test
    void aJsonBodyPostedToAUrlIsAnApiCall() {
        send(null, "post {\"status\": \"done\"} to https://hooks.acme.example/deploy")
                .body("intent", is("api_automation")).body("complete", is(true))
                .body("parameters.method", is("POST")).body("parameters.body.status", is("done"))
                .body("parameters.url", is("https://hooks.acme.example/deploy"));
    }

    @Test
    void aMessageToSomeoneIsConfirmedThenStarted() {
        String session = send(null, "email bob@example.org saying the server migration is finished")
                .body("intent", is("notification")).body("awaiting_confirmation", is(true))
                .body("reply", is("I'll email bob@example.org: \u201cthe server migration is finished\u201d. Shall I go"
                        + " ahead?")).extract().path("session_id");
        send(session, "yes").body("complete", is(true)).body("intent", is("notification"));
    }

    @Test
    void aReminderKeepsItsMessageWhereverTheTimeIsSaid() {
        String session = send(null, "remind me every day at 18:30 London time to water the plants")
                .body("intent", is("schedule_task")).body("parameters.cron", is("30 18 * * *"))
                .body("parameters.time_zone", is("Europe/London"))
                .body("parameters.message", is("water the plants"))
                .body("reply", is("Every day at 18:30 (Europe/London) I'll email you: \u201cwater the plants\u201d."
                        + " Shall I set it up?")).extract().path("session_id");
        send(session, "change the time to 9").body("awaiting_confirmation", is(true))
                .body("parameters.cron", is("0 9 * * *")).body("reply", startsWith("Every day at 09:00"));
        send(session, "yes").body("complete", is(true)).body("parameters.task_intent", is("notification"))
                .body("reply", startsWith("Done: every day at 09:00 (Europe/London) I'll email you"));
    }

    @Test
    void aScheduleWithNothingToRunAsksWhatToRun() {
        String session = send(null, "set up a weekly sales report").body("intent", is("schedule_task"))
                .body("parameters.task_intent", is("document_analytics")).body("missing", contains("file"))
                .extract().path("session_id");
        send(session, "https://example.com/exports/sales.csv").body("awaiting_confirmation", is(true))
                .body("parameters.file", is("https://example.com/exports/sales.csv"));

        String reminder = send(null, "every friday at 4pm").body("intent", is("schedule_task"))
                .body("missing", contains("task_intent")).extract().path("session_id");
        send(reminder, "remind me to submit my timesheet").body("awaiting_confirmation", is(true))
                .body("parameters.message", is("submit my timesheet"))
                .body("reply", is("Every Friday at 16:00 (UTC) I'll email you: \u201csubmit my timesheet\u201d. Shall I"
                        + " set it up?"));
    }

    @Test
    void schedulesSaidInFrenchGermanAndSpanishAreUnderstood() {
        send(null, "rappelle-moi de payer le loyer le 1er de chaque mois à 9h").body("intent", is("schedule_task"))
                .body("parameters.cron", is("0 9 1 * *")).body("parameters.message", is("payer le loyer"));
        send(null, "Erinnere mich jeden Montag um 8 Uhr an das Teammeeting").body("intent", is("schedule_task"))
                .body("parameters.cron", is("0 8 * * MON")).body("parameters.message", is("das Teammeeting"));
        send(null, "recuérdame cada viernes a las 17:30 enviar el informe").body("intent", is("schedule_task"))
                .body("parameters.cron", is("30 17 * * FRI")).body("parameters.message", is("enviar el informe"));
    }

    @Test
    void whatWeDoNotDoIsDeclinedInASentence() {
        send(null, "whats the weather in paris").body("intent", is("out_of_scope"))
                .body("reply", startsWith("That is not something I can do."));
        send(null, "resérvame un hotel en Madrid").body("intent", is("out_of_scope"))
                .body("reply", startsWith("Eso no lo puedo hacer."));
    }

    @Test
    void aConversionByUrlAndResultsMailedAreUnderstood() {
        send(null, "every monday at 9am convert https://example.com/customers.xlsx to xlsx")
                .body("intent", is("schedule_task")).body("awaiting_confirmation", is(true))
                .body("parameters.file", is("https://example.com/customers.xlsx"));
        send(null, "convert https://example.com/customers.xlsx to json").body("intent", is("data_transform"))
                .body("complete", is(true)).body("parameters.file", is("https://example.com/customers.xlsx"))
                .body("parameters.target_format", is("json"));
        send(null, "analyse https://example.com/sales.csv and mail me the result, with the tendencias")
                .body("intent", is("document_analytics")).body("parameters.delivery", is("email"))
                .body("parameters.email", is("me")).body("parameters.analyses", contains("trends"));
    }

    @Test
    void theAssistantAnswersInThePersonsLanguageAndKeepsItForAnswersThatDoNotTell() {
        String french = send(null, "rappelle-moi chaque lundi à 9h").body("language", is("fr"))
                .body("reply", is("Que doit dire le message ?")).extract().path("session_id");
        send(french, "payer le loyer").body("awaiting_confirmation", is(true)).body("reply", is("Chaque lundi à"
                + " 09:00 (UTC), je vais vous envoyer par e-mail : « payer le loyer ». Je le mets en place ?"));
        send(french, "ok").body("complete", is(true)).body("language", is("fr"))
                .body("reply", is("C'est fait : chaque lundi à 09:00 (UTC), je vais vous envoyer par e-mail :"
                        + " « payer le loyer »."));

        String german = send(null, "Erinnere mich jeden Montag um 8 Uhr an das Teammeeting").body("language", is("de"))
                .body("reply", is("Jeden Montag um 08:00 (UTC) – ich schicke dir per E-Mail: „das Teammeeting“."
                        + " Soll ich das einrichten?")).extract().path("session_id");
        send(german, "nein").body("reply", is("Gut, dann mache ich es nicht. Was möchtest du stattdessen?"));

        String spanish = send(null, "analiza https://example.com/ventas.csv y envía el informe a ana@example.org")
                .body("language", is("es")).body("reply", is("Voy a analizar https://example.com/ventas.csv y enviar"
                        + " el informe PDF por correo a ana@example.org. ¿Lo hago?")).extract().path("session_id");
        send(spanish, "sí").body("complete", is(true)).body("reply", startsWith("En marcha: voy a analizar"));
        send(null, "¿qué tiempo hace en Madrid?").body("reply", startsWith("Eso no lo puedo hacer. Puedo analizar"));
    }

    @Test
    void aYesWithMoreWordsIsAYesAndAnAnswerMayNameWhoToTell() {
        for (String yes : new String[] {"ja, bitte", "oui vas-y", "sí, mándalo", "ok go ahead, thanks!"}) {
            String session = send(null, "email bob@example.org saying the backup is done")
                    .body("awaiting_confirmation", is(true)).extract().path("session_id");
            send(session, yes).body("complete", is(true));
        }
        String session = send(null, "I need to send a message").body("reply", is("What should the message say?"))
                .extract().path("session_id");
        send(session, "tell ops@example.com that the quarterly report is ready")
                .body("parameters.email", is("ops@example.com"))
                .body("parameters.message", is("the quarterly report is ready"));
    }

    @Test
    void aRecurringReminderAsksWhenAndAnAnswerLosesItsJoiningWord() {
        String session = send(null, "je voudrais un rappel récurrent pour arroser les plantes")
                .body("intent", is("schedule_task")).body("parameters.task_intent", is("notification"))
                .body("parameters.message", is("arroser les plantes")).body("reply", startsWith("Quand faut-il"))
                .extract().path("session_id");
        send(session, "tous les jours à 18h30").body("parameters.cron", is("30 18 * * *"));

        String vitamins = send(null, "en semaine à 8h15 rappelle-moi").body("reply", is("Que doit dire le message ?"))
                .extract().path("session_id");
        send(vitamins, "de prendre mes vitamines").body("parameters.message", is("prendre mes vitamines"))
                .body("parameters.cron", is("15 8 * * MON-FRI"));
    }

    private ValidatableResponse send(String session, String message) {
        return ConversationTurns.send(user, session, message);
    }
}
