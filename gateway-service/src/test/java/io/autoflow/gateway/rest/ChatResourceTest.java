package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the gateway itself decides about a chat message. The conversation itself runs in conversation-service: the
 * end-to-end test drives a whole dialogue through both.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ChatResourceTest {

    @Inject
    ApiKeys apiKeys;

    private String key;

    @BeforeEach
    void setUp() throws Throwable {
        key = TestUsers.create(apiKeys, "free").key();
    }

    @Test
    void refusesWhatIsNoMessageAndSaysSoWhenTheConversationServiceIsDown() {
        given().contentType("application/json").body(Map.of("message", "hi")).post("/api/chat")
                .then().statusCode(401);
        chat(Map.of()).statusCode(400).body("code", is("missing_message"));
        chat(Map.of("message", "x".repeat(4001))).statusCode(413).body("code", is("message_too_long"));
        // 4,000 characters in any script pass, as JSON or as a multipart text part (16,000 bytes of UTF-8 here), and
        // reach the (closed) conversation service: the cap counts characters, not UTF-16 units or bytes.
        String emoji = "\uD83D\uDE00".repeat(4000);
        chat(Map.of("message", emoji)).statusCode(503).body("code", is("conversation_unavailable"));
        byte[] csv = "a,b\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().header("X-API-Key", key).multiPart("file", "a.csv", csv, "text/csv")
                .multiPart("message", emoji, "text/plain; charset=UTF-8").post("/api/chat")
                .then().statusCode(503).body("code", is("conversation_unavailable"));
        given().header("X-API-Key", key).multiPart("file", "a.csv", csv, "text/csv")
                .multiPart("message", emoji + "x", "text/plain; charset=UTF-8")
                .post("/api/chat").then().statusCode(413).body("code", is("message_too_long"));
        // The test profile points the conversation client at a closed port.
        chat(Map.of("message", "analyse https://example.com/a.csv")).statusCode(503)
                .body("code", is("conversation_unavailable"));
        given().header("X-API-Key", key).contentType("application/json").body(Map.of("message", "hi"))
                .post("/api/orchestrate").then().statusCode(503);
    }

    @Test
    void theApiDocumentsEachIntentsParameters() {
        var openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        assertThat(openApi.getList("components.schemas.ChatReply.properties.parameters.anyOf")).hasSize(6);
        assertThat(openApi.getList("components.schemas.ChatReply.properties.intent.enum", String.class))
                .contains("workflow");
        assertThat(openApi.getString("components.schemas.ChatReply.properties.workflow_id.description"))
                .contains("/api/workflows/{id}");
        // The parameters so far, any of them still missing: what a request needs is said, not required.
        assertThat(openApi.getList("components.schemas.DocumentAnalyticsParameters.required")).isNull();
        assertThat(openApi.getString("components.schemas.DocumentAnalyticsParameters.description"))
                .endsWith("Needs: file.");
        assertThat(openApi.getMap("components.schemas.DocumentAnalyticsParameters.properties"))
                .containsKeys("file", "analyses", "format", "delivery", "email", "webhook_url");
        assertThat(openApi.getString("components.schemas.ScheduleTaskParameters.description")).endsWith("Needs: cron.");
        assertThat(openApi.getMap("components.schemas.ScheduleTaskParameters.properties"))
                .containsKeys("cron", "time_zone", "task_intent", "url", "method");
        assertThat(openApi.getString("components.schemas.DataTransformParameters.description"))
                .endsWith("Needs: file, target_format.");
        assertThat(openApi.getString("components.schemas.WorkflowParameters.description"))
                .endsWith("Needs: url, target_format, delivery.");
        assertThat(openApi.getMap("components.schemas.WorkflowParameters.properties"))
                .containsKeys("url", "filter_column", "aggregate", "group_by", "target_format", "cron", "definition");
        assertThat(openApi.getString("paths.'/api/chat'.post.responses.'200'.content.'application/json'.schema.$ref"))
                .endsWith("/ChatReply");
    }

    private io.restassured.response.ValidatableResponse chat(Map<String, String> body) {
        return given().header("X-API-Key", key).contentType("application/json").body(body).post("/api/chat").then();
    }
}
