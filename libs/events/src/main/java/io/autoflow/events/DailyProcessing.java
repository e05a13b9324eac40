package io.autoflow.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.LocalDate;

/** Processing time of one UTC day's finished jobs of a user (start to end): the orchestrator's, for the gateway. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
// Read by other services: a field added by a newer writer must not fail an older reader.
@JsonIgnoreProperties(ignoreUnknown = true)
public record DailyProcessing(LocalDate day, long jobs, double processingSeconds) {
}
