package io.autoflow.events.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A workflow as its owner writes it (issue 18): what starts it and the steps it runs in order, each reading the
 * trigger's payload and earlier steps' results through {@code {{ JSONata }}} templates. Saved as a revision; a run is
 * pinned to the revision it started with.
 */
@Schema(name = "WorkflowDefinition", requiredProperties = {"name", "trigger", "steps"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDefinition(
        @Schema(description = "What the owner recognises it by", maxLength = 100) String name,
        @Schema(maxLength = 1000) String description,
        WorkflowTrigger trigger,
        @Schema(description = "Run in order; each step's name is how later steps refer to it") List<WorkflowStep> steps) {
}
