package io.autoflow.events.workflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A saved workflow as the orchestrator tells the gateway and the gateway its owner: its latest revision. */
@Schema(name = "Workflow", requiredProperties = {"id", "name", "enabled", "revision", "created_at", "updated_at",
        "definition"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowView(
        String id,
        String name,
        @Schema(description = "Whether its trigger starts runs (a disabled workflow's schedule and webhook do not)")
        boolean enabled,
        @Schema(description = "The latest revision: 1 when created, one more at each update; a run keeps the"
                + " revision it started with") int revision,
        Instant createdAt,
        Instant updatedAt,
        WorkflowDefinition definition,
        @Schema(description = "Only for a webhook trigger: its secret URL and signing secret") WorkflowWebhook webhook) {

    /**
     * A webhook trigger's address and secret, shown to the workflow's owner only.
     *
     * @param url where a POST starts a run (the gateway makes it absolute; the orchestrator gives its path)
     * @param secret the Standard Webhooks signing secret ({@code whsec_…}) of {@code webhook-signature}
     */
    @Schema(name = "WorkflowWebhook", requiredProperties = {"url", "secret"})
    public record WorkflowWebhook(
            @Schema(description = "POST a JSON document or a file here to start a run; keep it secret")
            String url,
            @Schema(description = "Signs requests when the trigger has verify_signature: HMAC-SHA256 over"
                    + " '{webhook-id}.{webhook-timestamp}.{body}' with the base64 key after 'whsec_'")
            String secret) {
    }

    public WorkflowView withWebhook(WorkflowWebhook given) {
        return new WorkflowView(id, name, enabled, revision, createdAt, updatedAt, definition, given);
    }
}
