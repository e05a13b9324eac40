package io.autoflow.events.workflow;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What the orchestrator tells the gateway about a webhook trigger's secret URL ({@code GET
 * /workflows/hooks/{token}}, internal): whose workflow it starts, which revision, whether it may, and the secret
 * a Standard Webhooks signature is checked with.
 *
 * @param verifySignature whether a POST must carry a valid Standard Webhooks signature made with {@code secret}
 * @param secret the signing secret, {@code whsec_} and base64 of 24 random bytes
 * @param steps how many steps a run runs, for the 202's estimate
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkflowHook(String workflowId, String userId, String name, int revision, boolean enabled,
        boolean verifySignature, String secret, String ownerEmail, int steps) {
}
