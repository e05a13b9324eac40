package io.autoflow.events.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A message to send ({@code notification}): what it says and who asked. How its hand-over went is the job's
 * {@code delivery_status} and {@code delivery}.
 */
@Schema(name = "NotificationResult", description = "The message sent (workflow_type notification); how it went is the"
        + " job's delivery_status and delivery", requiredProperties = {"message", "narrative"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationResult(
        String message,
        @Schema(description = "Who asked for it (answers to an email go there)") String requestedBy,
        Narrative narrative,
        @Schema(description = "A workflow's notify step: the email's subject") String subject,
        @Schema(description = "A workflow's notify step: the earlier step's file sent with the message")
        StoredFile attachment,
        @Schema(description = "The attached file's name") String attachmentName) implements JobResult {

    /** The result of sending this message: the narrative is the message itself. */
    public static NotificationResult of(String message, String requestedBy) {
        return new NotificationResult(message, requestedBy, Narrative.of(message), null, null, null);
    }

    @Override
    public NotificationResult withoutStorageKeys() {
        return new NotificationResult(message, requestedBy, narrative, subject,
                attachment == null ? null : attachment.withoutKey(), attachmentName);
    }
}
