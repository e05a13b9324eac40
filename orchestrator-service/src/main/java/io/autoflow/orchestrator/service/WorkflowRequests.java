package io.autoflow.orchestrator.service;

import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.TransformData;
import java.util.Optional;

/**
 * Turns an intent into the request of the workflow that handles it. Only workflows that are deployed appear here;
 * any other intent fails with {@code unknown_intent}.
 */
public final class WorkflowRequests {

    /** A request ready to send: the topic, its CloudEvents type and the payload. */
    public record Routed(String topic, String type, Object payload) {
    }

    private WorkflowRequests() {
    }

    public static Optional<Routed> route(IntentParsed intent) {
        if (Intents.DOCUMENT_ANALYTICS.equals(intent.intent())) {
            AnalyzeDocument asked = EventJson.mapper().convertValue(intent.parameters(), AnalyzeDocument.class);
            // Identity and tier come from the authenticated envelope, never from the parameters.
            AnalyzeDocument request = new AnalyzeDocument(intent.executionId(), intent.userId(), intent.tier(),
                    asked.blobKey(), asked.fileName(), asked.contentType(), asked.sizeBytes(), asked.analyses(),
                    asked.output(), asked.sourceUrl());
            return Optional.of(new Routed(Intents.workflowTopic(intent.intent()), AnalyzeDocument.TYPE, request));
        }
        if (Intents.API_AUTOMATION.equals(intent.intent())) {
            RunAutomation asked = EventJson.mapper().convertValue(intent.parameters(), RunAutomation.class);
            RunAutomation request = new RunAutomation(intent.executionId(), intent.userId(), intent.tier(),
                    asked.name(), asked.method(), asked.url(), asked.requestKey(), asked.output(), asked.request());
            return Optional.of(new Routed(Intents.workflowTopic(intent.intent()), RunAutomation.TYPE, request));
        }
        if (Intents.SCHEDULE_TASK.equals(intent.intent())) {
            ScheduleTask asked = EventJson.mapper().convertValue(intent.parameters(), ScheduleTask.class);
            ScheduleTask request = new ScheduleTask(intent.executionId(), intent.userId(), intent.tier(),
                    asked.cronExpression(), asked.timeZone(), asked.taskIntent(), asked.taskParameters(), asked.name());
            return Optional.of(new Routed(Intents.workflowTopic(intent.intent()), ScheduleTask.TYPE, request));
        }
        if (Intents.DATA_TRANSFORM.equals(intent.intent())) {
            TransformData asked = EventJson.mapper().convertValue(intent.parameters(), TransformData.class);
            TransformData request = new TransformData(intent.executionId(), intent.userId(), intent.tier(),
                    asked.fileName(), asked.blobKey(), asked.contentType(), asked.sizeBytes(), asked.targetFormat(),
                    asked.output(), asked.sourceUrl(), asked.operations(),
                    asked.jsonata());
            return Optional.of(new Routed(Intents.workflowTopic(intent.intent()), TransformData.TYPE, request));
        }
        return Optional.empty();
    }
}
