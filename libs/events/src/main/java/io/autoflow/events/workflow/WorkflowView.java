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
        WorkflowDefinition definition) {
}
