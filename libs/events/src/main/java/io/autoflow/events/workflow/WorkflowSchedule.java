package io.autoflow.events.workflow;

import java.time.Instant;

/**
 * The orchestrator's word to the scheduler (topic {@code workflow-schedules}, key = the workflow's id) of what a
 * workflow's schedule now is: the orchestrator owns workflows, the scheduler owns schedules. Sent whenever a workflow
 * is saved, enabled, disabled or deleted; the scheduler keeps the latest by {@code changedAt} and fires each run as a
 * {@code workflow_run} intent of {@code revision}.
 *
 * @param active whether it should fire: the workflow exists, is enabled and has a schedule trigger
 * @param cron five fields, as checked when the workflow was saved (null when not active)
 * @param timeZone the IANA zone the expression is read in
 * @param revision the revision each run pins
 * @param ownerEmail where a notify step's email goes when it names no address
 * @param changedAt when the workflow changed: an older word than the one the scheduler holds is ignored
 */
public record WorkflowSchedule(String workflowId, String userId, String tier, String name, boolean active,
        String cron, String timeZone, int revision, String ownerEmail, Instant changedAt) {

    public static final String TYPE = "io.autoflow.workflow.schedule.v1";
}
