package io.autoflow.conversation.rest;

import static io.autoflow.testsupport.InternalRequests.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ParseResourceTest {

    @Test
    void aCompleteRequestComesBackWithItsIntentAndParameters() {
        parse("Analyse sales_q3.xlsx and email the PDF report to maria@shop.io")
                .statusCode(200)
                .body("intent", is("document_analytics"))
                .body("parameters.file", is("sales_q3.xlsx"))
                .body("parameters.format", is("pdf"))
                .body("parameters.delivery", is("email"))
                .body("parameters.email", is("maria@shop.io"))
                .body("missing", empty());
    }

    @Test
    void aMissingParameterBecomesOneQuestion() {
        parse("please analyse my spreadsheet and email it")
                .statusCode(200)
                .body("intent", is("document_analytics"))
                .body("missing", contains("file", "email"))
                .body("question", startsWith("Which document should I analyse?"));
    }

    @Test
    void aRepeatedTaskIsAScheduleOfThatTask() {
        parse("every Monday at 9am call https://api.example.com/orders and send me the result")
                .statusCode(200)
                .body("intent", is("schedule_task"))
                .body("parameters.cron", is("0 9 * * MON"))
                .body("parameters.url", is("https://api.example.com/orders"));
    }

    @Test
    void refusesAnEmptyOrOversizedMessage() {
        parse("  ").statusCode(400);
        parse("x".repeat(ParseResource.MAX_MESSAGE_CHARS + 1)).statusCode(413);
    }

    private static io.restassured.response.ValidatableResponse parse(String message) {
        return given().contentType("application/json").body(java.util.Map.of("message", message))
                .post("/conversation/parse").then();
    }
}
