package io.autoflow.events;

import java.time.Instant;

/**
 * A job's state changed at the orchestrator — status, progress or delivery — and the change is stored. For whoever
 * shows jobs live (the gateway's job event streams): a reason to look again, while the orchestrator's API stays the
 * record. Key = the job id.
 */
public record JobUpdated(String executionId, String userId, String status, Integer progress, String deliveryStatus,
        Instant occurredAt) {

    public static final String TYPE = "io.autoflow.job.updated.v1";
}
