package io.autoflow.events.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a data conversion made ({@code data_transform}): the converted file and what went into it. */
@Schema(name = "TransformResult", description = "The converted data (workflow_type data_transform)",
        requiredProperties = {"target_format", "tables", "rows", "dropped_cells", "file", "narrative"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransformResult(
        @Schema(enumeration = {"csv", "json", "xlsx"}) String targetFormat,
        @Schema(description = "How many tables were converted (several CSV tables come as a ZIP)") int tables,
        @Schema(description = "Data rows written, all tables together (after the data operations, when any)")
        long rows,
        @Schema(description = "Filled cells right of their sheet's header, which had no column and were left out")
        long droppedCells,
        @Schema(description = "The converted file: download it with the job's download_url") StoredFile file,
        Narrative narrative) implements JobResult {

    @Override
    public TransformResult withoutStorageKeys() {
        return new TransformResult(targetFormat, tables, rows, droppedCells, file == null ? null : file.withoutKey(),
                narrative);
    }
}
