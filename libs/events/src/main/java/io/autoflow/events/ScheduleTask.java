package io.autoflow.events;

import com.fasterxml.jackson.databind.JsonNode;

/** Request to the scheduler: run {@code task} (an intent with its parameters) on a cron schedule. */
public record ScheduleTask(String executionId, String userId, String tier, String cronExpression, String timeZone,
        String taskIntent, JsonNode taskParameters) {

    public static final String TYPE = "io.autoflow.workflow.schedule-task.v1";
}
