package io.autoflow.events.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.autoflow.events.data.DataOperation;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/**
 * One step of a workflow, named by {@code type}; each runs as a job of the service that does it. Text fields may hold
 * {@code {{ JSONata }}} templates over the run's context ({@code trigger}: the payload; {@code steps.<name>}: an
 * earlier step's result). {@code input} names the step (or {@code trigger}) whose file a step reads.
 * {@code on_error}: {@code stop} (the run fails, default), {@code continue} (the next step runs), or {@code fallback}
 * (the {@code fallback} notify step runs, then the run fails).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = WorkflowStep.Http.class, name = WorkflowStep.HTTP),
        @JsonSubTypes.Type(value = WorkflowStep.Transform.class, name = WorkflowStep.TRANSFORM),
        @JsonSubTypes.Type(value = WorkflowStep.Analyse.class, name = WorkflowStep.ANALYSE),
        @JsonSubTypes.Type(value = WorkflowStep.Convert.class, name = WorkflowStep.CONVERT),
        @JsonSubTypes.Type(value = WorkflowStep.Notify.class, name = WorkflowStep.NOTIFY)})
@Schema(name = "WorkflowStep", description = "One step, named by type",
        oneOf = {WorkflowStep.Http.class, WorkflowStep.Transform.class, WorkflowStep.Analyse.class,
                WorkflowStep.Convert.class, WorkflowStep.Notify.class},
        discriminatorProperty = "type", discriminatorMapping = {
                @DiscriminatorMapping(value = WorkflowStep.HTTP, schema = WorkflowStep.Http.class),
                @DiscriminatorMapping(value = WorkflowStep.TRANSFORM, schema = WorkflowStep.Transform.class),
                @DiscriminatorMapping(value = WorkflowStep.ANALYSE, schema = WorkflowStep.Analyse.class),
                @DiscriminatorMapping(value = WorkflowStep.CONVERT, schema = WorkflowStep.Convert.class),
                @DiscriminatorMapping(value = WorkflowStep.NOTIFY, schema = WorkflowStep.Notify.class)})
public sealed interface WorkflowStep {

    String HTTP = "http";
    String TRANSFORM = "transform";
    String ANALYSE = "analyse";
    String CONVERT = "convert";
    String NOTIFY = "notify";

    String STOP = "stop";
    String CONTINUE = "continue";
    String FALLBACK = "fallback";

    String name();

    RetryPolicy retry();

    String onError();

    /** The step run when this one has failed for good and {@code on_error} is fallback (itself without one). */
    Notify fallback();

    /** Calls an API (automation-service); a stored credential is applied by name, never written here. */
    @Schema(name = "HttpStep", requiredProperties = {"type", "name", "url"},
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, enumeration = HTTP))
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Http(String name, @Schema(enumeration = {"GET", "POST", "PUT", "PATCH", "DELETE"}) String method,
            String url, Map<String, String> headers, JsonNode body,
            @Schema(description = "The name of a stored credential (/api/credentials)") String credential,
            RetryPolicy retry, String onError, Notify fallback) implements WorkflowStep {
    }

    /** Data operations on a table (transform-service): an API's JSON answer reshaped by JSONata, then operated on. */
    @Schema(name = "TransformStep", requiredProperties = {"type", "name", "input", "target_format"},
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, enumeration = TRANSFORM))
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Transform(String name, String input,
            @Schema(description = "For a JSON input: picks and shapes its rows first") String jsonata,
            List<DataOperation> operations,
            @Schema(enumeration = {"csv", "json", "xlsx"}) String targetFormat,
            RetryPolicy retry, String onError, Notify fallback) implements WorkflowStep {
    }

    /** Analyses a document (analytics-service) and makes its report. */
    @Schema(name = "AnalyseStep", requiredProperties = {"type", "name", "input"},
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, enumeration = ANALYSE))
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Analyse(String name, String input,
            @Schema(enumeration = {"pdf", "ppt", "excel"}) String format,
            RetryPolicy retry, String onError, Notify fallback) implements WorkflowStep {
    }

    /** Converts a table's format only (transform-service). */
    @Schema(name = "ConvertStep", requiredProperties = {"type", "name", "input", "target_format"},
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, enumeration = CONVERT))
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Convert(String name, String input, @Schema(enumeration = {"csv", "json", "xlsx"}) String targetFormat,
            RetryPolicy retry, String onError, Notify fallback) implements WorkflowStep {
    }

    /** Sends a message by email or webhook (notification-service), optionally with an earlier step's file. */
    @Schema(name = "NotifyStep", requiredProperties = {"type", "name", "channel", "message"},
            properties = @SchemaProperty(name = "type", type = SchemaType.STRING, enumeration = NOTIFY))
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Notify(String name, @Schema(enumeration = {"email", "webhook"}) String channel,
            @Schema(description = "email: the address (default: the owner's); webhook: the URL") String to,
            String subject, String message,
            @Schema(description = "The step whose file goes with the message") String attach,
            RetryPolicy retry, String onError, Notify fallback) implements WorkflowStep {
    }
}
