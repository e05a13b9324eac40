package io.autoflow.events.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunWorkflow(String workflowId, int revision, String name, String trigger, JsonNode payload,
        String ownerEmail, String rerunOf, WorkflowDefinition definition) {

    public RunWorkflow withDefinition(WorkflowDefinition pinned) {
        return new RunWorkflow(workflowId, revision, name, trigger, payload, ownerEmail, rerunOf, pinned);
    }
}
