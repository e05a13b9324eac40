package io.autoflow.orchestrator.workflow;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.testsupport.InternalRequests;
import io.autoflow.testsupport.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The internal workflow API: revisions, ownership, and every definition checked before it is stored. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class WorkflowResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String user;

    @BeforeEach
    void setUp() {
        user = "user-" + UUID.randomUUID();
    }

    @Test
    void aWorkflowIsSavedInRevisionsOwnedByItsUser() throws IOException {
        ObjectNode monday = monday();
        String id = InternalRequests.given().contentType("application/json").body(monday.toString())
                .post("/workflows/" + user + "?tier=free").then().statusCode(201)
                .body("revision", is(1)).body("enabled", is(true)).body("name", is("Monday sales"))
                .body("definition.steps[1].operations[1].aggregates[0].function", is("sum"))
                .extract().path("id");

        monday.put("name", "Monday sales (EU)");
        InternalRequests.given().contentType("application/json").body(monday.toString())
                .put("/workflows/" + user + "/" + id + "?tier=free").then().statusCode(200)
                .body("revision", is(2)).body("name", is("Monday sales (EU)"));
        InternalRequests.given().get("/workflows/" + user + "/" + id).then().statusCode(200)
                .body("revision", is(2)).body("definition.trigger.cron", is("0 8 * * 1"));
        InternalRequests.given().get("/workflows/" + user).then().statusCode(200)
                .body("id", hasItem(id)).body("[0].definition.name", is("Monday sales (EU)"));
        InternalRequests.given().contentType("application/json").body("{\"enabled\": false}")
                .put("/workflows/" + user + "/" + id + "/enabled").then().statusCode(200).body("enabled", is(false));

        InternalRequests.given().get("/workflows/someone-else/" + id).then().statusCode(404)
                .body("code", is("workflow_not_found"));
        InternalRequests.given().get("/workflows/someone-else").then().statusCode(200)
                .body("id", not(hasItem(id)));

        InternalRequests.given().delete("/workflows/" + user + "/" + id).then().statusCode(204);
        InternalRequests.given().get("/workflows/" + user + "/" + id).then().statusCode(404);
    }

    @Test
    void aDefinitionThatCouldNotRunIsRefusedWithItsStepAndField() throws IOException {
        ObjectNode forward = monday();
        ((ObjectNode) forward.withArray("steps").get(1)).put("input", "send");
        InternalRequests.given().contentType("application/json").body(forward.toString())
                .post("/workflows/" + user + "?tier=free").then().statusCode(422)
                .body("code", is("invalid_workflow")).body("details.step", is(1)).body("details.field", is("input"));

        ObjectNode expression = monday();
        ((ObjectNode) ((ArrayNode) expression.withArray("steps")).get(1)).put("jsonata", "data[");
        InternalRequests.given().contentType("application/json").body(expression.toString())
                .post("/workflows/" + user + "?tier=free").then().statusCode(422)
                .body("code", is("invalid_expression")).body("details.step", is(1))
                .body("details.field", is("jsonata"));

        ObjectNode long_ = monday();
        ArrayNode steps = long_.withArray("steps");
        for (int i = 0; i < 3; i++) {
            steps.addObject().put("type", "convert").put("name", "copy_" + i).put("input", "totals")
                    .put("target_format", "csv");
        }
        InternalRequests.given().contentType("application/json").body(long_.toString())
                .post("/workflows/" + user + "?tier=free").then().statusCode(422).body("code", is("too_many_steps"));
        InternalRequests.given().contentType("application/json").body(long_.toString())
                .post("/workflows/" + user + "?tier=pro").then().statusCode(201);
        InternalRequests.given().get("/workflows/" + user).then().statusCode(200).body("size()", is(1));
    }

    private static ObjectNode monday() throws IOException {
        try (InputStream in = WorkflowResourceTest.class.getResourceAsStream("/monday-sales.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
