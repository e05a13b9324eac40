package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that follows the OpenAPI document is understood, and one that does not is told exactly what it got wrong:
 * the document names fields as the wire does (snake_case), and a field the API does not have, a value of the wrong
 * type or a body that is not JSON is a 400 {@code invalid_request} naming the field, never silently dropped.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class StrictRequestTest {

    @Inject
    ApiKeys apiKeys;

    private TestUsers user;

    @BeforeEach
    void setUp() throws Throwable {
        user = TestUsers.create(apiKeys, "pro");
    }

    @Test
    void theDocumentNamesEveryFieldAsTheWireDoes() {
        Map<String, Map<String, Object>> schemas = given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200).extract().jsonPath().getMap("components.schemas");
        List<String> camelCase = new ArrayList<>();
        schemas.forEach((schema, definition) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = (Map<String, Object>) definition.get("properties");
            if (properties != null) {
                properties.keySet().stream().filter(name -> !name.matches("[a-z][a-z0-9_]*"))
                        .forEach(name -> camelCase.add(schema + "." + name));
            }
        });
        assertThat(camelCase).isEmpty();
        assertThat(schemas).containsKey("ApiKeyRequest");
        assertThat(properties(schemas, "ApiKeyRequest")).containsKey("expires_at");
    }

    @Test
    void aFieldTheApiDoesNotHaveIsRefusedAndNamed() {
        // The document's names before it told the truth: a key made this way never expired.
        json("/api/me/api-keys", "{\"name\": \"ci\", \"expiresAt\": \"2027-01-04T00:00:00Z\"}")
                .statusCode(400).body("code", is("invalid_request")).body("param", is("expiresAt"))
                .body("message", containsString("expires_at"))
                // An RFC 9457 problem, with our members.
                .contentType("application/problem+json").body("type", is("about:blank"))
                .body("title", is("Bad Request")).body("status", is(400))
                .body("detail", containsString("expires_at"));
        json("/api/notifications", "{\"message\": \"hi\", \"output\": {\"delivery\": \"webhook\","
                + " \"webhookUrl\": \"https://hooks.example.com/x\"}}")
                .statusCode(400).body("code", is("invalid_request")).body("param", is("output.webhookUrl"))
                .body("message", containsString("webhook_url"));
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedAndNamed() {
        json("/api/notifications", "{\"message\": {\"a\": 1}}").statusCode(400)
                .body("code", is("invalid_request")).body("param", is("message"))
                .body("message", is("'message' must be a string"));
        json("/api/me/api-keys", "{\"name\": \"ci\", \"expires_at\": \"next week\"}").statusCode(400)
                .body("param", is("expires_at")).body("message", containsString("RFC 3339"));
        // Scalars are not converted into one another: a number is not the string "2", "yes" not a boolean.
        json("/api/notifications", "{\"message\": 2}").statusCode(400).body("param", is("message"));
        json("/api/notifications", "{\"message\": true}").statusCode(400).body("param", is("message"));
        json("/api/me/api-keys", "{\"name\": 1.5}").statusCode(400).body("param", is("name"));
        for (String body : List.of("[]", "\"x\"", "42")) {
            json("/api/notifications", body).statusCode(400).body("code", is("invalid_request"))
                    .body("message", is("The body must be an object")).body("param", nullValue());
        }
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWithoutJavaInIt() {
        json("/api/automations", "{\"url\": ").statusCode(400).body("code", is("invalid_request"))
                .body("message", containsString("The body is not valid JSON"))
                .body("message", not(containsString("io.autoflow")));
        // One JSON value per body: what follows it is not dropped in silence.
        json("/api/notifications", "{\"message\": \"hi\"} {\"message\": \"again\"}").statusCode(400)
                .body("code", is("invalid_request"))
                .body("message", is("The body is not valid JSON: more follows its value"));
        json("/api/notifications", "{\"message\": \"hi\"} trailing").statusCode(400)
                .body("code", is("invalid_request"));
    }

    @Test
    void theOptionsPartOfAnUploadIsAsStrict() {
        given().header("X-API-Key", user.key())
                .multiPart("file", "sales.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("request", "{\"output\": {\"webhookUrl\": \"https://hooks.example.com/x\"}}",
                        "application/json")
                .post("/api/analytics/document").then().statusCode(400).body("code", is("invalid_request"))
                .body("param", is("request.output.webhookUrl"))
                .body("message", not(containsString("AnalyticsRequest")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Map<String, Object>> schemas, String schema) {
        return (Map<String, Object>) schemas.get(schema).get("properties");
    }

    @Test
    void aRequestThatSaysNothingIsRefusedNotTakenAsDefaults() {
        // An empty PATCH used to reset the time zone; now it changes nothing and says so.
        given().header("X-API-Key", user.key()).contentType("application/json").body("{\"time_zone\": \"Asia/Tokyo\"}")
                .patch("/api/me").then().statusCode(200);
        given().header("X-API-Key", user.key()).contentType("application/json").body("{}").patch("/api/me").then()
                .statusCode(400).body("code", is("invalid_request")).body("param", is("time_zone"));
        given().header("X-API-Key", user.key()).get("/api/me").then().body("time_zone", is("Asia/Tokyo"));
        // null says "back to UTC", as in a JSON merge patch.
        given().header("X-API-Key", user.key()).contentType("application/json").body("{\"time_zone\": null}")
                .patch("/api/me").then().statusCode(200).body("time_zone", nullValue());
        // A key made from no body at all.
        json("/api/me/api-keys", "null").statusCode(400).body("code", is("invalid_request"));
        given().header("X-API-Key", user.key()).contentType("application/json").post("/api/me/api-keys").then()
                .statusCode(400).body("code", is("invalid_request"));
        // An empty query value is not an absent one.
        given().header("X-API-Key", user.key()).urlEncodingEnabled(false).get("/api/jobs?limit=").then()
                .statusCode(400).body("code", is("invalid_request")).body("param", is("limit"));
        // Nor the JSON null an upload's options.
        given().header("X-API-Key", user.key()).multiPart("file", "a.csv", "a,b\n1,2\n".getBytes(), "text/csv")
                .multiPart("request", "null", "application/json").post("/api/analytics/document").then()
                .statusCode(400).body("param", is("request"));
    }

    private ValidatableResponse json(String path, String body) {
        return given().header("X-API-Key", user.key()).contentType("application/json").body(body).post(path).then();
    }
}
