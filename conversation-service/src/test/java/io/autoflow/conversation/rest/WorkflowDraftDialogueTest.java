package io.autoflow.conversation.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A chained request said in the chat becomes a workflow draft (issue 18): the plan shown step by step, what is missing
 * asked, the draft itself handed over on yes — in English, French, German and Spanish. Offline parser, real Redis.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class WorkflowDraftDialogueTest {

    private final String user = UUID.randomUUID().toString();

    @Test
    void theMondayExampleIsPlannedStepByStepAndHandedOverOnYes() {
        String session = send(null, "Every Monday at 8 Paris time, fetch our sales from https://api.example.com/sales"
                + " using the sales-api credential, keep the rows where region is EU, total revenue by product, and"
                + " email me an Excel file")
                .body("intent", is("workflow")).body("awaiting_confirmation", is(true))
                .body("parameters.cron", is("0 8 * * MON")).body("parameters.time_zone", is("Europe/Paris"))
                .body("reply", is("Here is the plan, every Monday at 08:00 (Europe/Paris):"
                        + "\n1. Fetch https://api.example.com/sales with your credential \u201csales-api\u201d."
                        + "\n2. Keep the rows where region = EU, then total revenue by product; make an Excel file."
                        + "\n3. Email it to you.\nShall I save this workflow?"))
                .extract().path("session_id");
        send(session, "yes").body("complete", is(true)).body("intent", is("workflow"))
                .body("reply", is("Done."))
                .body("parameters.definition.name", is("Total revenue by product"))
                .body("parameters.definition.trigger.type", is("schedule"))
                .body("parameters.definition.trigger.cron", is("0 8 * * MON"))
                .body("parameters.definition.trigger.time_zone", is("Europe/Paris"))
                .body("parameters.definition.steps.type", contains("http", "transform", "notify"))
                .body("parameters.definition.steps[0].url", is("https://api.example.com/sales"))
                .body("parameters.definition.steps[0].credential", is("sales-api"))
                .body("parameters.definition.steps[1].input", is("fetch"))
                .body("parameters.definition.steps[1].operations[0].where", is("region = \"EU\""))
                .body("parameters.definition.steps[1].operations[1].by", contains("product"))
                .body("parameters.definition.steps[1].operations[1].aggregates[0].function", is("sum"))
                .body("parameters.definition.steps[1].target_format", is("xlsx"))
                .body("parameters.definition.steps[2].channel", is("email"))
                .body("parameters.definition.steps[2].to", nullValue()) // the owner's own address
                .body("parameters.definition.steps[2].attach", is("table"));
    }

    @Test
    void theColumnOfAValueIsAskedAndARequestWithoutScheduleRunsOnce() {
        String session = send(null, "fetch https://api.example.com/sales, keep the EU rows, count orders by product"
                + " and email a csv to ops@example.org")
                .body("intent", is("workflow")).body("missing", contains("filter_column"))
                .body("reply", is("Which column should equal \u201cEU\u201d?")).extract().path("session_id");
        send(session, "the region column").body("parameters.filter_column", is("region"))
                .body("awaiting_confirmation", is(true))
                .body("reply", is("Here is the plan, to run once now:\n1. Fetch https://api.example.com/sales."
                        + "\n2. Keep the rows where region = EU, then count the rows by product; make a CSV file."
                        + "\n3. Email it to ops@example.org.\nShall I save this workflow and run it?"));
        send(session, "yes please").body("complete", is(true))
                .body("parameters.definition.name", is("Rows by product"))
                .body("parameters.definition.trigger.type", is("manual"))
                .body("parameters.definition.steps[2].to", is("ops@example.org"));
    }

    @Test
    void howToHandItOverIsAskedInSpanish() {
        String session = send(null, "obtén https://api.example.com/ventas, suma los ingresos por producto en csv")
                .body("intent", is("workflow")).body("language", is("es")).body("missing", contains("delivery"))
                .body("reply", is("\u00bfC\u00f3mo te entrego el resultado: por correo (a ti o a una direcci\u00f3n),"
                        + " a la URL de un webhook, o para descargar?")).extract().path("session_id");
        send(session, "a https://hooks.example.com/ventas").body("awaiting_confirmation", is(true))
                .body("parameters.delivery", is("webhook"))
                .body("parameters.webhook_url", is("https://hooks.example.com/ventas"));
        send(session, "sí").body("complete", is(true))
                .body("parameters.definition.name", is("Suma de ingresos por producto"))
                .body("parameters.definition.steps[2].channel", is("webhook"))
                .body("parameters.definition.steps[2].to", is("https://hooks.example.com/ventas"));
    }

    @Test
    void frenchAndGermanRequestsArePlannedInTheirLanguage() {
        String french = send(null, "Chaque lundi à 8h, récupère https://api.example.com/ventes, garde les lignes où"
                + " pays = FR, la somme de montant par produit, et envoie-moi un fichier Excel par e-mail")
                .body("intent", is("workflow")).body("language", is("fr"))
                .body("reply", is("Voici le plan, chaque lundi à 08:00 (UTC) :"
                        + "\n1. Récupérer https://api.example.com/ventes."
                        + "\n2. Garder les lignes où pays = FR, puis faire le total de montant par produit ; en faire"
                        + " un fichier Excel.\n3. Vous l'envoyer par e-mail.\nJ'enregistre ce workflow ?"))
                .extract().path("session_id");
        send(french, "oui").body("complete", is(true))
                .body("parameters.definition.steps[2].message",
                        is("Le résultat de votre workflow \u00ab Total de montant par produit \u00bb est en pièce"
                                + " jointe."));
        send(null, "Hol jeden Tag um 7 Uhr https://api.example.com/umsatz, nur Zeilen mit Betrag größer als 50,"
                + " Umsatz pro Produkt summieren und schick mir eine CSV per E-Mail")
                .body("intent", is("workflow")).body("language", is("de"))
                .body("parameters.filter_operator", is(">")).body("parameters.group_by", is("Produkt"))
                .body("reply", is("Hier ist der Plan, jeden Tag um 07:00 (UTC):"
                        + "\n1. https://api.example.com/umsatz abrufen."
                        + "\n2. Die Zeilen behalten, in denen Betrag > 50, dann Umsatz pro Produkt summieren; daraus"
                        + " eine CSV-Datei machen.\n3. Ihnen per E-Mail schicken."
                        + "\nSoll ich diesen Workflow speichern?"));
    }

    @Test
    void anAnalysisOrAPlainCallIsNoWorkflow() {
        send(null, "analyse https://example.com/sales.csv and show the average price by category")
                .body("intent", is("document_analytics"));
        send(null, "call https://api.example.com/status every Monday at 9 and email me the answer")
                .body("intent", is("schedule_task")).body("parameters", not(hasKey("definition")));
    }

    private ValidatableResponse send(String session, String message) {
        return ConversationTurns.send(user, session, message);
    }
}
