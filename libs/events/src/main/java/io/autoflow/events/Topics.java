package io.autoflow.events;

import java.util.List;
import java.util.Optional;

/** Every Kafka topic of the platform, defined once. Events of one job share a key: the execution id. */
public final class Topics {

    public static final String INTENTS = "intents";
    public static final String WORKFLOW_DOCUMENT_ANALYTICS = "workflow.document-analytics";
    public static final String WORKFLOW_TASK_SCHEDULER = "workflow.task-scheduler";
    public static final String WORKFLOW_API_AUTOMATION = "workflow.api-automation";
    public static final String WORKFLOW_DATA_TRANSFORM = "workflow.data-transform";
    public static final String EXECUTION_EVENTS = "execution-events";
    public static final String NOTIFICATIONS = "notifications";
    public static final String DELIVERY_EVENTS = "delivery-events";
    /** Account events every service follows, e.g. {@link UserDeleted}; key = the user id. */
    public static final String USER_EVENTS = "user-events";
    /** The orchestrator's word that a job changed ({@link JobUpdated}), for live views. */
    public static final String JOB_UPDATES = "job-updates";
    /** The orchestrator's word of a workflow's schedule to the scheduler ({@code WorkflowSchedule}); key = workflow id. */
    public static final String WORKFLOW_SCHEDULES = "workflow-schedules";

    /** A topic and the partition count it is created with; partitions bound the consumers that work in parallel. */
    public record Spec(String name, int partitions) {
    }

    private static final List<String> MAIN = List.of(INTENTS, WORKFLOW_DOCUMENT_ANALYTICS, WORKFLOW_TASK_SCHEDULER,
            WORKFLOW_API_AUTOMATION, WORKFLOW_DATA_TRANSFORM, EXECUTION_EVENTS, NOTIFICATIONS, DELIVERY_EVENTS,
            USER_EVENTS, JOB_UPDATES, WORKFLOW_SCHEDULES);

    private Topics() {
    }

    /** Where a record goes once it has failed all its retries. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }

    /** Every dead-letter topic, in the order of the topics they serve. */
    public static List<String> deadLetterTopics() {
        return MAIN.stream().map(Topics::dlq).toList();
    }

    /** The topic whose dead letters this topic holds ({@code intents} for {@code intents.dlq}), or empty. */
    public static Optional<String> servedBy(String deadLetterTopic) {
        return MAIN.stream().filter(t -> dlq(t).equals(deadLetterTopic)).findFirst();
    }

    /**
     * All topics the platform needs, with their dead-letter topics. Workflow topics get more partitions
     * than control topics because their consumers do the heavy work and scale out.
     */
    public static List<Spec> all() {
        return MAIN.stream()
                .flatMap(t -> java.util.stream.Stream.of(new Spec(t, t.startsWith("workflow.") ? 12 : 6), new Spec(dlq(t), 1)))
                .toList();
    }
}
