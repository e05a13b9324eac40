package io.autoflow.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.gateway.TestUsers;
import io.autoflow.gateway.auth.ApiKeys;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation of the gateway's OpenAPI document under /api: without credentials each is a 401, and a second
 * user naming the first user's resources gets a 404 (403 for admin operations), never the resource; no answer to the
 * second user mentions the first user's ids. A new operation whose path names a resource this test does not know
 * fails the test until its owner check is covered here.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class AuthorizationWalkTest {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    /**
     * Paths whose resources the gateway does not keep: it passes the caller's own id to the service that owns them,
     * which checks the owner (covered there and end to end). Here that service is out of reach, so another user must
     * get no success and nothing of the owner's.
     */
    private static final Map<String, String> OWNER_CHECKED_BY_THEIR_SERVICE = Map.of(
            "/api/credentials/{name}", "automation-service CredentialStoreTest, e2e CredentialsEndToEndIT",
            "/api/workflows/{id}", "orchestrator WorkflowResourceTest, e2e ApiContractEndToEndIT",
            "/api/workflows/{id}/enabled", "orchestrator WorkflowResourceTest",
            // The gateway reads the workflow as the caller's (WorkflowApi.get) before it accepts the run.
            "/api/workflows/{id}/runs", "gateway WorkflowRunTest, orchestrator WorkflowResourceTest");

    @Inject
    ApiKeys apiKeys;

    private TestUsers owner;
    private TestUsers intruder;
    /** The owner's resources, by the path template that names them. */
    private Map<String, String> ownerResources;

    @BeforeEach
    void ownerWithResources() throws Throwable {
        owner = TestUsers.create(apiKeys, "pro");
        intruder = TestUsers.create(apiKeys, "pro");
        String jobId = given().header("X-API-Key", owner.key())
                .multiPart("file", "secret.csv", "a,b\n1,2\n".getBytes(), "text/csv")
                .post("/api/analytics/document").then().statusCode(202).extract().path("job_id");
        String keyId = given().header("X-API-Key", owner.key()).contentType("application/json")
                .body(Map.of("name", "owner's key")).post("/api/me/api-keys").then().statusCode(201)
                .extract().path("id");
        String scheduleId = given().header("X-API-Key", owner.key()).contentType("application/json")
                .body(Map.of("cron", "0 9 * * MON", "task", Map.of("url", "https://api.example.com/rates")))
                .post("/api/schedules").then().statusCode(202).extract().path("schedule_id");
        ownerResources = Map.of(
                "/api/schedules/{id}", scheduleId,
                "/api/jobs/{id}", jobId,
                "/api/jobs/{id}/report", jobId,
                "/api/jobs/{id}/events", jobId,
                "/api/jobs/{id}/cancel", jobId,
                "/api/jobs/{id}/rerun", jobId,
                "/api/me/api-keys/{id}", keyId,
                "/api/admin/users/{id}/tier", owner.user().id.toString(),
                "/api/admin/dead-letters/{topic}", "intents.dlq",
                "/api/admin/dead-letters/{topic}/replay", "intents.dlq");
    }

    @Test
    void noOperationServesAnotherUsersResourceOrAnswersWithoutCredentials() throws Exception {
        JsonNode openApi = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String[]> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (List.of("get", "post", "put", "delete", "patch").contains(method)) {
                    operations.add(new String[] {method, path.getKey()});
                }
            }
        }
        // Deleting one's own account ends the second user: it goes last.
        operations.sort(java.util.Comparator.comparing(o -> o[0].equals("delete") && o[1].equals("/api/me")));
        List<String> walked = new ArrayList<>();
        for (String[] operation : operations) {
            walk(operation[0], operation[1]);
            walked.add(operation[0].toUpperCase() + " " + operation[1]);
        }
        assertThat(walked).as("operations walked").contains("GET /api/jobs/{id}", "DELETE /api/me/api-keys/{id}",
                "PUT /api/admin/users/{id}/tier", "GET /api/me/usage", "POST /api/chat", "GET /api/me/export",
                "DELETE /api/me", "POST /api/jobs/{id}/cancel", "POST /api/jobs/{id}/rerun");
    }

    private void walk(String method, String template) {
        boolean namesAResource = PARAMETER.matcher(template).find();
        String ownersPath = template;
        if (OWNER_CHECKED_BY_THEIR_SERVICE.containsKey(template)) {
            String path = PARAMETER.matcher(template).replaceAll(UUID.randomUUID().toString());
            assertThat(given().contentType("application/json").body("{}").request(method, path).statusCode())
                    .as("%s %s without credentials", method, template).isEqualTo(401);
            Response foreign = given().header("X-API-Key", intruder.key()).contentType("application/json")
                    .body("{}").request(method, path);
            assertThat(foreign.statusCode()).as("%s %s as another user", method, template).isGreaterThanOrEqualTo(400);
            assertThat(foreign.asString()).doesNotContain(owner.user().email);
            return;
        }
        if (namesAResource) {
            String resource = ownerResources.get(template);
            assertThat(resource).as("%s names a resource: add the owner's to this test so its owner check is"
                    + " covered", template).isNotNull();
            Matcher parameter = PARAMETER.matcher(template);
            ownersPath = parameter.replaceAll(resource);
        }
        Response anonymous = given().contentType("application/json").body("{}").request(method, ownersPath);
        assertThat(anonymous.statusCode()).as("%s %s without credentials", method, template).isEqualTo(401);

        Response foreign = given().header("X-API-Key", intruder.key()).contentType("application/json")
                .body(template.startsWith("/api/admin/") ? "{\"tier\":\"enterprise\"}" : "{}")
                .request(method, ownersPath);
        String body = foreign.asString();
        if (namesAResource) {
            int expected = template.startsWith("/api/admin/") ? 403 : 404;
            assertThat(foreign.statusCode()).as("%s %s as another user: %s", method, template, body)
                    .isEqualTo(expected);
        }
        for (String secret : ownerResources.values()) {
            assertThat(body).as("%s %s as another user", method, template).doesNotContain(secret);
        }
        assertThat(body).doesNotContain(owner.user().email);
    }
}
