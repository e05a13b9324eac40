package io.autoflow.events.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.result.StoredFile;

/**
 * The parameters of a {@code workflow_run} intent: which workflow to run, pinned to a revision, with the trigger's
 * payload. The orchestrator copies the revision's definition in when it records the run, so that editing or deleting
 * the workflow never changes a run under way.
 *
 * @param name the workflow's name, what the user recognises the run by
 * @param trigger what started it: manual, schedule or webhook
 * @param payload what the trigger brought (a manual run's JSON body, a webhook's), {@code trigger.payload} to steps
 * @param ownerEmail where a notify step's email goes when it names no address
 * @param rerunOf a failed run of the same revision whose completed steps this run reuses, starting at its failed step
 * @param definition the pinned revision, filled in by the orchestrator (null in the intent)
 * @param payloadFile the payload stored as a JSON file, which a step reads with {@code input: "trigger"}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunWorkflow(String workflowId, int revision, String name, String trigger, JsonNode payload,
        String ownerEmail, String rerunOf, WorkflowDefinition definition, StoredFile payloadFile) {

    /** A run whose payload, if any, is not (yet) stored as a file. */
    public RunWorkflow(String workflowId, int revision, String name, String trigger, JsonNode payload,
            String ownerEmail, String rerunOf, WorkflowDefinition definition) {
        this(workflowId, revision, name, trigger, payload, ownerEmail, rerunOf, definition, null);
    }

    public RunWorkflow withDefinition(WorkflowDefinition pinned) {
        return new RunWorkflow(workflowId, revision, name, trigger, payload, ownerEmail, rerunOf, pinned,
                payloadFile);
    }

    public RunWorkflow withPayload(JsonNode given, StoredFile stored) {
        return new RunWorkflow(workflowId, revision, name, trigger, given, ownerEmail, rerunOf, definition, stored);
    }
}
