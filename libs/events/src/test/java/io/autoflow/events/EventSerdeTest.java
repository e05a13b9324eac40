package io.autoflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.events.JsonEventDeserializer.AnalyzeDocumentDeserializer;
import io.autoflow.events.JsonEventDeserializer.DeliveryEventDeserializer;
import io.autoflow.events.JsonEventDeserializer.ExecutionEventDeserializer;
import io.autoflow.events.JsonEventDeserializer.IntentParsedDeserializer;
import io.autoflow.events.JsonEventDeserializer.NotificationRequestedDeserializer;
import io.autoflow.events.JsonEventDeserializer.RunAutomationDeserializer;
import io.autoflow.events.JsonEventDeserializer.ScheduleTaskDeserializer;
import io.autoflow.events.JsonEventDeserializer.TransformDataDeserializer;
import io.autoflow.events.JsonEventDeserializer.WorkflowScheduleDeserializer;
import io.autoflow.events.workflow.WorkflowSchedule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    private static final JsonEventSerializer SERIALIZER = new JsonEventSerializer();
    private static final Instant AT = Instant.parse("2026-11-26T09:00:00.123Z");

    static Stream<Arguments> events() {
        JsonNode params = json("{\"blob_key\":\"u/1/data.csv\",\"analyses\":[\"statistical\"]}");
        return Stream.of(
                Arguments.of(new IntentParsed("e1", "u1", "free", Intents.DOCUMENT_ANALYTICS, params, AT),
                        new IntentParsedDeserializer()),
                Arguments.of(new AnalyzeDocument("e1", "u1", "pro", "k/data.csv", "data.csv", "text/csv", 1234L,
                        List.of("statistical", "trends"), new AnalyzeDocument.Output("pdf", "email", "a@b.io", null), null),
                        new AnalyzeDocumentDeserializer()),
                Arguments.of(new ScheduleTask("e2", "u1", "free", "0 9 * * MON", "Europe/Paris", "api_automation",
                        params, "GET api.example.com/x"), new ScheduleTaskDeserializer()),
                Arguments.of(new RunAutomation("e3", "u1", "free", "GET api.example.com/x", "GET",
                        "https://api.example.com/x", "automations/u1/e3/request.json",
                        new AnalyzeDocument.Output(null, "email", "a@b.io", null)), new RunAutomationDeserializer()),
                Arguments.of(new TransformData("e4", "u1", "free", "sales.xlsx", "uploads/u1/e4/document",
                        DocumentTypes.XLSX, 2048L, "json", new AnalyzeDocument.Output(null, "download", null, null),
                        null),
                        new TransformDataDeserializer()),
                Arguments.of(new TransformData("e5", "u1", "free", "sales.csv", null, null, 0L, "xlsx",
                        new AnalyzeDocument.Output(null, "download", null, null), "https://example.com/sales.csv"),
                        new TransformDataDeserializer()),
                Arguments.of(new ExecutionEvent("ev1", "e1", ExecutionEvent.Status.COMPLETED, 100, null, params, null, AT,
                        AT.minusMillis(40)),
                        new ExecutionEventDeserializer()),
                Arguments.of(ExecutionEvent.failed("e1", new ErrorInfo("malformed_csv", "Row 3 is broken",
                        json("{\"row\":3}"))), new ExecutionEventDeserializer()),
                Arguments.of(new NotificationRequested("e1.email", "e1", "u1", "email", "a@b.io",
                        "document_analytics", "sales.csv", ExecutionEvent.Status.COMPLETED, params, null, AT), new NotificationRequestedDeserializer()),
                Arguments.of(new DeliveryEvent("n1", "e1", "webhook", "https://h.example.com", DeliveryEvent.Status.FAILED,
                        3, 400, ErrorInfo.of("webhook_rejected", "HTTP 400"), null, AT), new DeliveryEventDeserializer()),
                Arguments.of(new WorkflowSchedule("w1", "u1", "pro", "Monday sales", true, "0 8 * * 1",
                        "Europe/Paris", 3, "a@b.io", AT), new WorkflowScheduleDeserializer()));
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventRoundTripsThroughTheSerde(Object event, JsonEventDeserializer<?> deserializer) {
        byte[] bytes = SERIALIZER.serialize("t", event);

        assertThat(deserializer.deserialize("t", bytes)).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("events")
    void anUnknownExtraFieldDoesNotBreakAConsumer(Object event, JsonEventDeserializer<?> deserializer) {
        ObjectNode withExtra = (ObjectNode) EventJson.mapper().valueToTree(event);
        withExtra.put("field_from_a_newer_producer", "ignored");
        withExtra.putObject("nested_extra").put("x", 1);

        byte[] bytes = withExtra.toString().getBytes(StandardCharsets.UTF_8);

        assertThat(deserializer.deserialize("t", bytes)).isEqualTo(event);
    }

    @Test
    void aMalformedPayloadIsASerializationErrorNamingTheType() {
        assertThatThrownBy(() -> new ExecutionEventDeserializer().deserialize("execution-events",
                "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ExecutionEvent");
    }

    @Test
    void storedJsonRoundTripsAndNullStaysNull() {
        ErrorInfo error = new ErrorInfo("malformed_csv", "Line 3", json("{\"line\":3}"));

        assertThat(EventJson.read(EventJson.write(error), ErrorInfo.class)).isEqualTo(error);
        assertThat(EventJson.write(null)).isNull();
        assertThat(EventJson.write(EventJson.mapper().nullNode())).isNull();
        assertThat(EventJson.read(null, ErrorInfo.class)).isNull();
    }

    @Test
    void executionEventTypesAreVersionedCloudEventTypes() {
        assertThat(ExecutionEvent.completed("e1", (io.autoflow.events.result.JobResult) null).type()).isEqualTo("io.autoflow.execution.completed.v1");
        assertThat(ExecutionEvent.failed("e1", ErrorInfo.of("x", "y")).type()).isEqualTo("io.autoflow.execution.failed.v1");
    }

    @Test
    void everyIntentWithAWorkflowRoutesToAKnownTopic() {
        List<String> topics = Topics.all().stream().map(Topics.Spec::name).toList();
        Stream.of(Intents.DOCUMENT_ANALYTICS, Intents.SCHEDULE_TASK, Intents.API_AUTOMATION, Intents.DATA_TRANSFORM)
                .forEach(intent -> assertThat(topics).contains(Intents.workflowTopic(intent)));
        assertThat(Intents.workflowTopic("make_coffee")).isNull();
        assertThat(topics).contains(Topics.dlq(Topics.INTENTS));
    }

    @Test
    void everyTopicHasOneDeadLetterTopicThatKnowsItsTopic() {
        assertThat(Topics.deadLetterTopics()).containsExactlyElementsOf(Topics.all().stream()
                .map(Topics.Spec::name).filter(t -> t.endsWith(".dlq")).toList());
        assertThat(Topics.servedBy("workflow.document-analytics.dlq")).contains(Topics.WORKFLOW_DOCUMENT_ANALYTICS);
        assertThat(Topics.servedBy(Topics.INTENTS)).isEmpty();
        assertThat(Topics.servedBy("nosuch.dlq")).isEmpty();
    }

    private static JsonNode json(String s) {
        try {
            return EventJson.mapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
