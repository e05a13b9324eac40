package io.autoflow.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.events.workflow.WorkflowDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The typed parameters of each intent: what a request of that intent may say, with which type, and what it must say.
 * The conversation keeps only these and asks for the required ones; the public API documents them; they are the
 * {@code parameters} of {@link IntentParsed}.
 */
public final class IntentParameters {

    private static final ObjectMapper JSON = EventJson.mapper().copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final Map<String, Class<?>> BY_INTENT = Map.of(
            Intents.DOCUMENT_ANALYTICS, DocumentAnalytics.class,
            Intents.SCHEDULE_TASK, ScheduleTask.class,
            Intents.API_AUTOMATION, ApiAutomation.class,
            Intents.DATA_TRANSFORM, DataTransform.class,
            Intents.NOTIFICATION, Notification.class,
            Intents.WORKFLOW, Workflow.class);
    private static final Map<String, List<String>> REQUIRED = Map.of(
            Intents.DOCUMENT_ANALYTICS, List.of("file"),
            Intents.SCHEDULE_TASK, List.of("cron"),
            Intents.API_AUTOMATION, List.of("url"),
            Intents.DATA_TRANSFORM, List.of("file", "target_format"),
            Intents.NOTIFICATION, List.of("message"),
            Intents.WORKFLOW, List.of("url", "target_format", "delivery"));

    private IntentParameters() {
    }

    @Schema(name = "DocumentAnalyticsParameters",
            description = "Analyse a document and hand over the report. Needs: file.")
    public record DocumentAnalytics(
            @Schema(description = "The document: an http(s) URL, a file name to upload, or upload:<id> for a document"
                    + " attached to the message") String file,
            @Schema(description = "Analyses asked for: statistical, trends, insights, anomalies") List<String> analyses,
            @Schema(enumeration = {"pdf", "ppt", "excel"}) String format,
            @Schema(enumeration = {"download", "email", "webhook"}) String delivery,
            @Schema(description = "Where to email the report; 'me' is the user's own address") String email,
            @JsonProperty("webhook_url") String webhookUrl) {
    }

    @Schema(name = "ScheduleTaskParameters",
            description = "Run a task again and again: an API call (url, method), a message (a reminder), or a"
                    + " document's analysis or conversion (file, its web address; target_format). Needs: cron.")
    public record ScheduleTask(
            @Schema(description = "When, as a 5-field cron expression, e.g. '0 9 * * MON'") String cron,
            @JsonProperty("task_intent") @Schema(description = "What to run each time",
                    enumeration = {"document_analytics", "api_automation", "data_transform", "notification"})
            String taskIntent,
            @JsonProperty("time_zone") @Schema(description = "IANA time zone of the cron expression; the user's"
                    + " own (or UTC) when the message names none") String timeZone,
            @Schema(description = "The API to call each time") String url,
            @Schema(enumeration = {"GET", "POST", "PUT", "PATCH", "DELETE"}) String method,
            @Schema(description = "The JSON the API call sends") JsonNode body,
            @Schema(description = "Headers the API call sends") Map<String, String> headers,
            @Schema(description = "The web address of the document to analyse or convert each time") String file,
            @Schema(description = "The message to send each time (a reminder)") String message,
            List<String> analyses,
            @JsonProperty("target_format") @Schema(description = "What a conversion makes each time",
                    enumeration = {"csv", "json", "xlsx"}) String targetFormat,
            @Schema(enumeration = {"pdf", "ppt", "excel"}) String format,
            @Schema(enumeration = {"download", "email", "webhook"}) String delivery,
            String email,
            @JsonProperty("webhook_url") String webhookUrl) {
    }

    @Schema(name = "ApiAutomationParameters", description = "Call an API once and hand over its answer. Needs: url.")
    public record ApiAutomation(
            String url,
            @Schema(enumeration = {"GET", "POST", "PUT", "PATCH", "DELETE"}) String method,
            @Schema(description = "The JSON to send") JsonNode body,
            @Schema(description = "Headers to send") Map<String, String> headers,
            @Schema(enumeration = {"download", "email", "webhook"}) String delivery,
            String email,
            @JsonProperty("webhook_url") String webhookUrl) {
    }

    @Schema(name = "DataTransformParameters",
            description = "Convert a document's data to another format. Needs: file, target_format.")
    public record DataTransform(
            String file,
            @JsonProperty("target_format") @Schema(enumeration = {"csv", "json", "xlsx"}) String targetFormat,
            @Schema(enumeration = {"download", "email", "webhook"}) String delivery,
            String email,
            @JsonProperty("webhook_url") String webhookUrl) {
    }

    @Schema(name = "NotificationParameters",
            description = "Send the user, or someone they name, a message. Needs: message.")
    public record Notification(
            @Schema(description = "What the message says") String message,
            @Schema(description = "Who gets it by email; 'me' (the default) is the user's own address") String email,
            @Schema(enumeration = {"email", "webhook"}) String delivery,
            @JsonProperty("webhook_url") String webhookUrl) {
    }

    @Schema(name = "WorkflowParameters",
            description = "A chain said in words: fetch a URL, keep some rows and/or aggregate by a column, make a file"
                    + " and hand it over, once or on a schedule. Saved as a workflow once confirmed. Needs: url,"
                    + " target_format, delivery.")
    public record Workflow(
            @Schema(description = "The API or file to fetch first") String url,
            @Schema(description = "The stored credential the fetch uses, by name") String credential,
            @JsonProperty("filter_column") @Schema(description = "Keep the rows whose column …") String filterColumn,
            @JsonProperty("filter_operator") @Schema(enumeration = {"=", "!=", ">", ">=", "<", "<="})
            String filterOperator,
            @JsonProperty("filter_value") @Schema(description = "… compares so with this value") String filterValue,
            @Schema(description = "Aggregate per group", enumeration = {"count", "sum", "mean", "min", "max"})
            String aggregate,
            @JsonProperty("aggregate_column") @Schema(description = "The column aggregated (not for count)")
            String aggregateColumn,
            @JsonProperty("group_by") @Schema(description = "One row per value of this column") String groupBy,
            @JsonProperty("target_format") @Schema(enumeration = {"csv", "json", "xlsx"}) String targetFormat,
            @Schema(enumeration = {"download", "email", "webhook"}) String delivery,
            String email,
            @JsonProperty("webhook_url") String webhookUrl,
            @Schema(description = "Run on this 5-field cron expression; once, now, when absent") String cron,
            @JsonProperty("time_zone") String timeZone,
            @Schema(description = "The workflow these make, once nothing is missing") WorkflowDefinition definition) {
    }

    /** The schema of an intent's parameters; empty for help, smalltalk and unknown, which take none. */
    public static Optional<Class<?>> schema(String intent) {
        return Optional.ofNullable(intent == null ? null : BY_INTENT.get(intent));
    }

    /**
     * The parameters an intent's request must have before it can run (each schema's description says them too).
     * Not the schemas' {@code required}: a conversation's parameters are those given so far, any of them missing.
     */
    public static List<String> required(String intent) {
        return intent == null ? List.of() : REQUIRED.getOrDefault(intent, List.of());
    }

    /**
     * Only what the intent's schema declares, in its types (a value of the wrong type is left out); nothing for an
     * intent without parameters.
     */
    public static Map<String, Object> typed(String intent, Map<String, Object> parameters) {
        Optional<Class<?>> type = schema(intent);
        if (type.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            try {
                Object one = JSON.convertValue(Map.of(name, value), type.get());
                kept.putAll(JSON.convertValue(one, new TypeReference<Map<String, Object>>() { }));
            } catch (IllegalArgumentException wrongType) {
                // e.g. a list where a text belongs: not this intent's parameter
            }
        });
        return kept;
    }
}
