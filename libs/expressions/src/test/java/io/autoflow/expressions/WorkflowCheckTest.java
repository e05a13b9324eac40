package io.autoflow.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.CodedException;
import io.autoflow.events.EventJson;
import io.autoflow.events.workflow.WorkflowDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What a person writes is checked when saved: the Monday example passes; each mistake is pointed at. */
class WorkflowCheckTest {

    private static final ObjectMapper JSON = EventJson.mapper();

    @Test
    void theMondayExamplePasses() throws IOException {
        assertThatCode(() -> WorkflowCheck.check(read(monday()), 10)).doesNotThrowAnyException();
    }

    @Test
    void eachMistakeIsPointedAtWithItsStepAndField() throws IOException {
        assertRefused(w -> ((ObjectNode) w.get("trigger")).put("cron", "0 8 * *"), "invalid_workflow", null,
                "trigger.cron");
        assertRefused(w -> ((ObjectNode) w.get("trigger")).put("time_zone", "Paris"), "invalid_workflow", null,
                "trigger.time_zone");
        assertRefused(w -> step(w, 1).put("name", "fetch"), "invalid_workflow", 1, "name");
        assertRefused(w -> step(w, 1).put("name", "Totals!"), "invalid_workflow", 1, "name");
        assertRefused(w -> step(w, 1).put("input", "send"), "invalid_workflow", 1, "input");
        assertRefused(w -> step(w, 0).put("method", "TRACE"), "invalid_workflow", 0, "method");
        assertRefused(w -> step(w, 1).put("target_format", "yaml"), "invalid_workflow", 1, "target_format");
        assertRefused(w -> step(w, 2).remove("fallback"), "invalid_workflow", 2, "fallback");
        assertRefused(w -> step(w, 0).putObject("retry").put("max_attempts", 11), "invalid_workflow", 0,
                "retry.max_attempts");
        assertRefused(w -> step(w, 2).put("attach", "nothing"), "invalid_workflow", 2, "attach");
        assertRefused(w -> step(w, 0).putObject("headers").put("Accept", "application/json")
                .put("Authorization", "Bearer kept-in-clear"), "invalid_workflow", 0, "headers.Authorization");
        assertRefused(w -> step(w, 0).putObject("headers").put("x-api-KEY", "k"), "invalid_workflow", 0,
                "headers.x-api-KEY");
        CodedException template = assertRefused(w -> step(w, 0).put("url", "https://x/{{ trigger. }}"),
                "invalid_expression", 0, "url");
        assertThat(template.details().path("position").asInt()).isGreaterThanOrEqualTo(12);
        assertRefused(w -> step(w, 1).put("jsonata", "data["), "invalid_expression", 1, "jsonata");
        CodedException operation = assertRefused(w -> ((ObjectNode) step(w, 1).withArray("operations").get(0))
                .put("where", "region ="), "invalid_expression", 1, "where");
        assertThat(operation.details().path("operation").asInt()).isZero();
        assertThat(refusal(read(monday()), 2).code()).isEqualTo("too_many_steps");
    }

    private static ObjectNode step(ObjectNode workflow, int at) {
        return (ObjectNode) ((ArrayNode) workflow.get("steps")).get(at);
    }

    private static CodedException assertRefused(Consumer<ObjectNode> mistake, String code, Integer step, String field)
            throws IOException {
        ObjectNode workflow = monday();
        mistake.accept(workflow);
        CodedException refusal = refusal(read(workflow), 10);
        assertThat(refusal).as(field).isNotNull();
        assertThat(refusal.code()).as(field).isEqualTo(code);
        assertThat(refusal.details().path("field").asText()).isEqualTo(field);
        if (step == null) {
            assertThat(refusal.details().has("step")).isFalse();
        } else {
            assertThat(refusal.details().path("step").asInt()).isEqualTo(step);
        }
        return refusal;
    }

    private static CodedException refusal(WorkflowDefinition workflow, int maxSteps) {
        return catchThrowableOfType(CodedException.class, () -> WorkflowCheck.check(workflow, maxSteps));
    }

    private static WorkflowDefinition read(ObjectNode json) throws IOException {
        return JSON.treeToValue(json, WorkflowDefinition.class);
    }

    private static ObjectNode monday() throws IOException {
        try (InputStream in = WorkflowCheckTest.class.getResourceAsStream("/monday-sales.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
