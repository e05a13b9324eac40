package io.autoflow.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Request to the scheduler: run a task (an intent with its parameters) on a cron schedule. It is also the
 * {@code parameters} of a {@code schedule_task} intent, with the ids left out.
 *
 * @param cronExpression five fields, minute to day of week ({@link CronExpressions})
 * @param timeZone the IANA zone the expression is read in, e.g. Europe/Paris
 * @param taskParameters the parameters of each run's intent, e.g. a {@link RunAutomation} without ids
 * @param name what the user will recognise the schedule by
 */
public record ScheduleTask(String executionId, String userId, String tier, String cronExpression, String timeZone,
        String taskIntent, JsonNode taskParameters, String name) {

    public static final String TYPE = "io.autoflow.workflow.schedule-task.v1";
}
