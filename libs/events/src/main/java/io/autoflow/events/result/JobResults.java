package io.autoflow.events.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.events.EventJson;
import io.autoflow.events.Intents;
import io.autoflow.events.ScheduleView;
import java.util.Map;

/** Which result record a workflow makes, and reading a stored result back into it. */
public final class JobResults {

    private static final Map<String, Class<? extends JobResult>> BY_WORKFLOW = Map.of(
            Intents.DOCUMENT_ANALYTICS, AnalysisResult.class,
            Intents.API_AUTOMATION, ApiCallResult.class,
            Intents.DATA_TRANSFORM, TransformResult.class,
            Intents.NOTIFICATION, NotificationResult.class,
            Intents.SCHEDULE_TASK, ScheduleView.class,
            Intents.WORKFLOW_RUN, WorkflowRunResult.class);

    private JobResults() {
    }

    /** The result record of a workflow type, or {@code null} for a type this build does not know. */
    public static Class<? extends JobResult> typeOf(String workflowType) {
        return workflowType == null ? null : BY_WORKFLOW.get(workflowType);
    }

    /**
     * A result as its workflow's record; {@code null} for none, a JSON null, or a workflow type this build does not
     * know. Fields a newer worker added are ignored (every record reads leniently).
     *
     * @throws IllegalArgumentException when the JSON does not fit the record (a field of the wrong type)
     */
    public static JobResult read(String workflowType, JsonNode result) {
        Class<? extends JobResult> type = typeOf(workflowType);
        if (type == null || result == null || result.isNull() || result.isMissingNode()) {
            return null;
        }
        try {
            return EventJson.mapper().treeToValue(result, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A " + workflowType + " result does not read as "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The result as JSON, as events and stored rows carry it. */
    public static JsonNode tree(JobResult result) {
        return result == null ? null : EventJson.mapper().valueToTree(result);
    }
}
