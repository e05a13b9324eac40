package io.autoflow.events;

/** The intents the platform knows, and the workflow topic each is routed to. */
public final class Intents {

    public static final String DOCUMENT_ANALYTICS = "document_analytics";
    public static final String SCHEDULE_TASK = "schedule_task";
    public static final String API_AUTOMATION = "api_automation";
    public static final String DATA_TRANSFORM = "data_transform";
    /** A message to send ({@link SendMessage}): the orchestrator hands it to notification-service itself. */
    public static final String NOTIFICATION = "notification";
    /**
     * A run of a saved workflow ({@code io.autoflow.events.workflow.RunWorkflow}): the orchestrator drives its steps,
     * each a job of its own on its service's topic.
     */
    public static final String WORKFLOW_RUN = "workflow_run";
    /**
     * A chained request said in the chat ("fetch …, keep …, total … by …, email me an Excel file"): a workflow draft
     * ({@code io.autoflow.events.workflow.WorkflowDefinition}) that the gateway saves once the person confirms it.
     */
    public static final String WORKFLOW = "workflow";

    private Intents() {
    }

    /** The workflow topic that handles an intent, or {@code null} when no workflow does. */
    public static String workflowTopic(String intent) {
        if (intent == null) {
            return null;
        }
        return switch (intent) {
            case DOCUMENT_ANALYTICS -> Topics.WORKFLOW_DOCUMENT_ANALYTICS;
            case SCHEDULE_TASK -> Topics.WORKFLOW_TASK_SCHEDULER;
            case API_AUTOMATION -> Topics.WORKFLOW_API_AUTOMATION;
            case DATA_TRANSFORM -> Topics.WORKFLOW_DATA_TRANSFORM;
            default -> null;
        };
    }
}
