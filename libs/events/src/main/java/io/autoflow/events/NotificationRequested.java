package io.autoflow.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The orchestrator asks the notification service to hand a finished job to its user. The notification service
 * writes the message itself (email templates, webhook body) from the job's outcome.
 *
 * @param notificationId the same for a redelivered request ({@link #idFor}), so it is sent once
 * @param channel {@link #EMAIL} or {@link #WEBHOOK}
 * @param target an email address or a webhook URL
 * @param jobName what the user will recognise the job by, e.g. the document's name
 * @param status the job's terminal status: completed or failed
 * @param result the job's result when it completed (report key, charts, insights)
 * @param error why it failed, when it failed
 */
public record NotificationRequested(String notificationId, String executionId, String userId, String channel,
        String target, String workflowType, String jobName, ExecutionEvent.Status status, JsonNode result,
        ErrorInfo error, Instant occurredAt) {

    public static final String TYPE = "io.autoflow.notification.requested.v1";
    public static final String EMAIL = "email";
    public static final String WEBHOOK = "webhook";

    public static String idFor(String executionId, String channel) {
        return executionId + "." + channel;
    }
}
