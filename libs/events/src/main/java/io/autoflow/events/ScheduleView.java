package io.autoflow.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.autoflow.events.result.JobResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A schedule as its owner sees it: what, when, the next runs and how it went so far. The scheduler makes it, the
 * gateway shows it (GET /api/schedules) and it is a schedule job's result ({@code schedule_task}): one record for
 * all three.
 */
@Schema(name = "Schedule", requiredProperties = {"schedule_id", "name", "cron", "time_zone", "description", "status",
        "task_intent", "runs", "missed", "created_at", "next_runs"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
// Read by other services: a field added by a newer writer must not fail an older reader.
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScheduleView(
        String scheduleId,
        String name,
        @Schema(description = "Five fields: minute hour day-of-month month day-of-week") String cron,
        @Schema(description = "The IANA zone the cron is read in, e.g. Europe/Paris") String timeZone,
        @Schema(description = "The cron in words") String description,
        @Schema(enumeration = {ScheduleView.ACTIVE, ScheduleView.CANCELLED}) String status,
        @Schema(description = "What each run does", enumeration = {Intents.DOCUMENT_ANALYTICS, Intents.API_AUTOMATION,
                Intents.DATA_TRANSFORM, Intents.NOTIFICATION}) String taskIntent,
        int runs,
        @Schema(description = "Runs not started at their time (the platform was down) and not made up") int missed,
        Instant createdAt,
        Instant lastRunAt,
        @Schema(description = "The job of the last run") String lastRunJobId,
        @Schema(description = "The next runs (up to three) in the schedule's zone; none once cancelled")
        @JsonFormat(without = JsonFormat.Feature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE) List<OffsetDateTime> nextRuns)
        implements JobResult {

    public static final String ACTIVE = "active";
    public static final String CANCELLED = "cancelled";
}
