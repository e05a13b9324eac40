package io.autoflow.scheduler.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.ScheduleView;
import java.time.Instant;

/** A user's schedule as stored. */
public record ScheduledTask(String id, String userId, String tier, String name, String cron, String timeZone,
        String taskIntent, JsonNode taskParameters, String status, Instant nextRunAt, Instant lastRunAt, int runs,
        int missed, Instant createdAt) {

    public static final String ACTIVE = ScheduleView.ACTIVE;
    public static final String CANCELLED = ScheduleView.CANCELLED;
}
