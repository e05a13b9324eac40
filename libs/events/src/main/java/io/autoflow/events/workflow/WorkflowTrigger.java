package io.autoflow.events.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What starts a workflow's run: {@code manual} (an API call or the web app), {@code schedule} (a cron expression in a
 * time zone) or {@code webhook} (a POST to the workflow's secret URL, its body the run's payload).
 */
@Schema(name = "WorkflowTrigger", requiredProperties = "type")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowTrigger(
        @Schema(enumeration = {MANUAL, SCHEDULE, WEBHOOK}) String type,
        @Schema(description = "schedule: five fields, minute to day of week") String cron,
        @Schema(description = "schedule: the IANA zone the expression is read in (default UTC)") String timeZone,
        @Schema(description = "webhook: check a Standard Webhooks signature (webhook-id, webhook-timestamp,"
                + " webhook-signature) made with the workflow's secret") Boolean verifySignature) {

    public static final String MANUAL = "manual";
    public static final String SCHEDULE = "schedule";
    public static final String WEBHOOK = "webhook";
}
