package io.autoflow.events;

import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for one event record type. A malformed payload raises {@link SerializationException}, which the
 * messaging layer turns into a dead-lettered record instead of a stuck consumer.
 */
public abstract class JsonEventDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected JsonEventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(data, type);
        } catch (IOException e) {
            throw new SerializationException("Malformed " + type.getSimpleName() + " on " + topic, e);
        }
    }

    public static class IntentParsedDeserializer extends JsonEventDeserializer<IntentParsed> {
        public IntentParsedDeserializer() {
            super(IntentParsed.class);
        }
    }

    public static class AnalyzeDocumentDeserializer extends JsonEventDeserializer<AnalyzeDocument> {
        public AnalyzeDocumentDeserializer() {
            super(AnalyzeDocument.class);
        }
    }

    public static class ScheduleTaskDeserializer extends JsonEventDeserializer<ScheduleTask> {
        public ScheduleTaskDeserializer() {
            super(ScheduleTask.class);
        }
    }

    public static class RunAutomationDeserializer extends JsonEventDeserializer<RunAutomation> {
        public RunAutomationDeserializer() {
            super(RunAutomation.class);
        }
    }

    public static class TransformDataDeserializer extends JsonEventDeserializer<TransformData> {
        public TransformDataDeserializer() {
            super(TransformData.class);
        }
    }

    public static class ExecutionEventDeserializer extends JsonEventDeserializer<ExecutionEvent> {
        public ExecutionEventDeserializer() {
            super(ExecutionEvent.class);
        }
    }

    public static class NotificationRequestedDeserializer extends JsonEventDeserializer<NotificationRequested> {
        public NotificationRequestedDeserializer() {
            super(NotificationRequested.class);
        }
    }

    public static class DeliveryEventDeserializer extends JsonEventDeserializer<DeliveryEvent> {
        public DeliveryEventDeserializer() {
            super(DeliveryEvent.class);
        }
    }

    public static class UserDeletedDeserializer extends JsonEventDeserializer<UserDeleted> {
        public UserDeletedDeserializer() {
            super(UserDeleted.class);
        }
    }

    public static class JobUpdatedDeserializer extends JsonEventDeserializer<JobUpdated> {
        public JobUpdatedDeserializer() {
            super(JobUpdated.class);
        }
    }

    public static class WorkflowScheduleDeserializer
            extends JsonEventDeserializer<io.autoflow.events.workflow.WorkflowSchedule> {
        public WorkflowScheduleDeserializer() {
            super(io.autoflow.events.workflow.WorkflowSchedule.class);
        }
    }
}
