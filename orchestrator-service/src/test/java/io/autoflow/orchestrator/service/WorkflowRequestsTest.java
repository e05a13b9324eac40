package io.autoflow.orchestrator.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.EventJson;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.orchestrator.service.WorkflowRequests.Routed;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each deployed intent goes to its worker's topic as its typed request, and only there; who asked and their tier come
 * from the gateway's authenticated envelope, whatever the parameters say.
 */
class WorkflowRequestsTest {

    private static final Map<String, Object> FORGED_IDENTITY = Map.of("executionId", "another-job",
            "execution_id", "another-job", "userId", "another-user", "user_id", "another-user", "tier", "enterprise");

    @Test
    void aDocumentAnalysisGoesToAnalyticsWithTheEnvelopesIdentity() {
        Routed routed = route(Intents.DOCUMENT_ANALYTICS, Map.of("blobKey", "uploads/u1/sales.csv",
                "fileName", "sales.csv", "contentType", "text/csv", "sizeBytes", 120));

        assertThat(routed.topic()).isEqualTo(Topics.WORKFLOW_DOCUMENT_ANALYTICS);
        assertThat(routed.type()).isEqualTo(AnalyzeDocument.TYPE);
        AnalyzeDocument request = (AnalyzeDocument) routed.payload();
        assertThat(request.executionId()).isEqualTo("job-1");
        assertThat(request.userId()).isEqualTo("user-1");
        assertThat(request.tier()).isEqualTo("free");
        assertThat(request.fileName()).isEqualTo("sales.csv");
        assertThat(request.sizeBytes()).isEqualTo(120);
    }

    @Test
    void anApiCallAScheduleAndAConversionGoToTheirServicesWithTheEnvelopesIdentity() {
        Routed call = route(Intents.API_AUTOMATION, Map.of("method", "GET", "url", "https://api.example.com/rates"));
        Routed schedule = route(Intents.SCHEDULE_TASK, Map.of("cronExpression", "0 9 * * MON", "timeZone", "UTC",
                "taskIntent", Intents.NOTIFICATION));
        Routed conversion = route(Intents.DATA_TRANSFORM, Map.of("fileName", "sales.csv", "targetFormat", "json"));

        assertThat(call.topic()).isEqualTo(Topics.WORKFLOW_API_AUTOMATION);
        assertThat(call.payload()).isInstanceOfSatisfying(RunAutomation.class, request -> {
            assertThat(request.url()).isEqualTo("https://api.example.com/rates");
            assertThat(new String[] {request.executionId(), request.userId(), request.tier()})
                    .containsExactly("job-1", "user-1", "free");
        });
        assertThat(schedule.topic()).isEqualTo(Topics.WORKFLOW_TASK_SCHEDULER);
        assertThat(schedule.payload()).isInstanceOfSatisfying(ScheduleTask.class, request -> {
            assertThat(request.cronExpression()).isEqualTo("0 9 * * MON");
            assertThat(new String[] {request.executionId(), request.userId(), request.tier()})
                    .containsExactly("job-1", "user-1", "free");
        });
        assertThat(conversion.topic()).isEqualTo(Topics.WORKFLOW_DATA_TRANSFORM);
        assertThat(conversion.payload()).isInstanceOfSatisfying(TransformData.class, request -> {
            assertThat(request.targetFormat()).isEqualTo("json");
            assertThat(new String[] {request.executionId(), request.userId(), request.tier()})
                    .containsExactly("job-1", "user-1", "free");
        });
    }

    @Test
    void anIntentNoDeployedWorkflowHandlesIsNotRouted() {
        for (String intent : new String[] {"weather_report", Intents.NOTIFICATION, Intents.WORKFLOW_RUN, ""}) {
            assertThat(WorkflowRequests.route(new IntentParsed("job-1", "user-1", "free", intent,
                    EventJson.mapper().createObjectNode(), Instant.now()))).as(intent).isEmpty();
        }
    }

    /** The intent as the gateway sends it, its parameters also naming another job, user and tier. */
    private static Routed route(String intent, Map<String, Object> parameters) {
        ObjectNode asked = EventJson.mapper().valueToTree(parameters);
        asked.setAll((ObjectNode) EventJson.mapper().valueToTree(FORGED_IDENTITY));
        return WorkflowRequests.route(new IntentParsed("job-1", "user-1", "free", intent, asked, Instant.now()))
                .orElseThrow();
    }
}
