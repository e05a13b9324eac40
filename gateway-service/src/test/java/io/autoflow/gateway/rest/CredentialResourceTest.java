package io.autoflow.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the gateway itself decides about {@code /api/credentials}; automation-service, which stores them, is not
 * running here (its address is unreachable), so whatever reaches it answers 503. The whole round trip through the
 * real automation-service is {@code CredentialsEndToEndIT} in e2e-tests.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class CredentialResourceTest {

    private static final String SECRET = "tok-SECRET-never-echoed";

    @Inject
    ApiKeys apiKeys;

    private String key;

    @BeforeEach
    void user() throws Throwable {
        key = TestUsers.create(apiKeys, "pro").key();
    }

    @Test
    void everyOperationSaysSoWhenAutomationServiceIsAway() {
        given().header("X-API-Key", key).contentType("application/json")
                .body(Map.of("name", "github", "kind", "bearer", "secret", SECRET)).post("/api/credentials").then()
                .statusCode(503).contentType("application/problem+json").body("code", is("credentials_unavailable"));
        given().header("X-API-Key", key).get("/api/credentials").then().statusCode(503)
                .body("code", is("credentials_unavailable"));
        given().header("X-API-Key", key).contentType("application/json").body(Map.of("secret", SECRET))
                .put("/api/credentials/github").then().statusCode(503).body("code", is("credentials_unavailable"));
        given().header("X-API-Key", key).delete("/api/credentials/github").then().statusCode(503)
                .body("code", is("credentials_unavailable"));
    }

    @Test
    void aNameNoCredentialCanHaveIsNotFoundWithoutAsking() {
        given().header("X-API-Key", key).delete("/api/credentials/" + "x".repeat(65)).then().statusCode(404)
                .body("code", is("credential_not_found"));
        given().header("X-API-Key", key).contentType("application/json").body(Map.of("secret", "s"))
                .put("/api/credentials/has%20space").then().statusCode(404).body("code", is("credential_not_found"));
    }

    @Test
    void requestsAreStrictAndNeverEchoTheSecret() {
        String unknownField = given().header("X-API-Key", key).contentType("application/json")
                .body(Map.of("name", "github", "kind", "bearer", "secret", SECRET, "scope", SECRET))
                .post("/api/credentials").then().statusCode(400).body("code", is("invalid_request"))
                .body("param", is("scope")).extract().asString();
        assertThat(unknownField).doesNotContain(SECRET);
        String wrongType = given().header("X-API-Key", key).contentType("application/json")
                .body("{\"name\": \"github\", \"kind\": \"bearer\", \"secret\": 12345678}").post("/api/credentials")
                .then().statusCode(400).body("code", is("invalid_request")).body("param", is("secret"))
                .extract().asString();
        assertThat(wrongType).doesNotContain("12345678");
        given().header("X-API-Key", key).contentType("application/json").body("[]").post("/api/credentials").then()
                .statusCode(400).body("code", is("invalid_request"));
        given().header("X-API-Key", key).contentType("application/json").body("null").put("/api/credentials/a")
                .then().statusCode(400).body("code", is("missing_secret")).body("param", is("secret"));
        given().contentType("application/json").body(Map.of("name", "a", "kind", "bearer", "secret", "s"))
                .post("/api/credentials").then().statusCode(401).body("code", is("missing_credentials"));
    }

    @Test
    void theDocumentDescribesTheFourOperations() {
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        assertThat(document.getMap("paths.'/api/credentials'.post.responses")).containsKeys("201", "400", "401",
                "409", "422", "503").doesNotContainKey("200");
        assertThat(document.getString("paths.'/api/credentials'.post.operationId")).isEqualTo("createCredential");
        assertThat(document.getString("paths.'/api/credentials'.get.operationId")).isEqualTo("listCredentials");
        assertThat(document.getMap("paths.'/api/credentials/{name}'.put.responses")).containsKeys("200", "400",
                "404", "503");
        assertThat(document.getMap("paths.'/api/credentials/{name}'.delete.responses")).containsKeys("204", "404")
                .doesNotContainKey("200");
        assertThat(document.getString("paths.'/api/credentials/{name}'.put.operationId"))
                .isEqualTo("rotateCredential");
        assertThat(document.getString("paths.'/api/credentials/{name}'.delete.operationId"))
                .isEqualTo("deleteCredential");
        assertThat(document.getMap("components.schemas.Credential.properties")).containsOnlyKeys("name", "kind",
                "header_name", "parameter_name", "created_at", "rotated_at");
        assertThat(document.getString("paths.'/api/credentials'.post.requestBody.content.'application/json'"
                + ".example.name")).isEqualTo("weather-api");
    }
}
