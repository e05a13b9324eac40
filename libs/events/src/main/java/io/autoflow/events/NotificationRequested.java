package io.autoflow.events;

import java.util.List;

/**
 * The orchestrator asks the notification service to deliver a job's outcome.
 *
 * @param channel email or webhook
 * @param target an email address or a webhook URL
 * @param attachmentKeys blob keys of files to attach or link
 */
public record NotificationRequested(String notificationId, String executionId, String userId, String channel,
        String target, String subject, String body, List<String> attachmentKeys) {

    public static final String TYPE = "io.autoflow.notification.requested.v1";
}
