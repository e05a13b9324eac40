package io.autoflow.orchestrator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.orchestrator.domain.Execution;
import java.util.Iterator;
import java.util.Map;

/**
 * What a step's templates read: {@code trigger} (type, fired_at, payload), {@code steps.<name>} (each finished earlier
 * step's result, as GET /api/jobs shows it, without the platform's storage keys), {@code run} (id, workflow, revision)
 * and, for a fallback step, {@code error} (the failed step's name, code and message).
 */
final class RunContext {

    private RunContext() {
    }

    static ObjectNode of(Execution run, RunWorkflow asked, Map<String, Execution> finished, String failedStep,
            ErrorInfo error) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode context = json.objectNode();
        ObjectNode trigger = context.putObject("trigger");
        trigger.put("type", asked.trigger());
        trigger.put("fired_at", run.createdAt.toString());
        trigger.set("payload", asked.payload() == null ? json.nullNode() : asked.payload());
        ObjectNode steps = context.putObject("steps");
        finished.forEach((name, job) -> {
            JsonNode result = EventJson.read(job.outputData, JsonNode.class);
            steps.set(name, result == null ? json.nullNode() : withoutKeys(result.deepCopy()));
        });
        context.putObject("run").put("id", run.id.toString()).put("workflow_id", asked.workflowId())
                .put("workflow", asked.name()).put("revision", asked.revision());
        if (error != null) {
            context.putObject("error").put("step", failedStep).put("code", error.code())
                    .put("message", error.message());
        }
        return context;
    }

    /** The platform's storage keys are no one's business; the files stay reachable through each step's job. */
    private static JsonNode withoutKeys(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("key");
            object.remove("detail");
            for (Iterator<JsonNode> it = object.elements(); it.hasNext();) {
                withoutKeys(it.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(RunContext::withoutKeys);
        }
        return node;
    }
}
