package io.autoflow.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One trace from request to delivery: a request that brings a {@code traceparent} is analysed and delivered by
 * webhook. The spans the services export (OTLP, {@link SpanReceiver}) form one tree under the caller's span, with the
 * job's spans in gateway, orchestrator, analytics and notification and the webhook call among them; that trace id is
 * in the job's log lines in each of those services (their JSON lines' MDC) and in the webhook call's header.
 */
class TraceEndToEndIT extends OnThePlatform {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRequestsTraceGoesOnThroughEveryServiceToTheWebhook() throws Exception {
        given().header("X-API-Key", apiKey).post(gateway.url() + "/api/me/webhook-secret").then().statusCode(201);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String hook = platform.documentUrl("/hooks");
        String jobId = given().header("X-API-Key", apiKey).header("traceparent", "00-" + traceId + "-" + callerSpan
                + "-01")
                .multiPart("file", "sales.csv", Platform.resource("/sales.csv"), "text/csv")
                .multiPart("request", "{\"output\":{\"delivery\":\"webhook\",\"webhook_url\":\"" + hook + "\"}}",
                        "application/json")
                .post(gateway.url() + "/api/analytics/document")
                .then().statusCode(202).extract().path("job_id");

        await().atMost(Platform.JOB_TIMEOUT).until(() -> platform.hooks.stream()
                .anyMatch(h -> h.body().contains(jobId)));
        Platform.ReceivedHook call = platform.hooks.stream().filter(h -> h.body().contains(jobId)).findFirst()
                .orElseThrow();
        assertThat(call.traceparent()).as("the webhook call's traceparent").contains("-" + traceId + "-");

        // Each service's lines about the job carry the request's trace id.
        await().atMost(Platform.JOB_TIMEOUT).untilAsserted(() -> {
            Map<String, List<JsonNode>> byService = linesOfTrace(traceId);
            assertThat(byService.keySet()).contains("gateway-service", "orchestrator-service", "analytics-service",
                    "notification-service");
            for (var entry : byService.entrySet()) {
                assertThat(entry.getValue()).as(entry.getKey() + " lines naming the job").anyMatch(
                        line -> jobId.equals(line.path("mdc").path("jobId").asText()));
            }
        });
        // One chain: every span the services logged under descends from the caller's span, so no line starts a
        // trace of its own (a root span would have no parent in the MDC).
        for (List<JsonNode> lines : linesOfTrace(traceId).values()) {
            for (JsonNode line : lines) {
                assertThat(line.path("mdc").path("parentId").asText()).as(line.toString()).isNotBlank()
                        .isNotEqualTo("0000000000000000");
            }
        }
        assertThat(linesOfTrace(traceId).get("gateway-service")).as("the gateway's span is the caller's child")
                .anyMatch(line -> callerSpan.equals(line.path("mdc").path("parentId").asText()));

        // The exported spans: one parent/child tree hanging from the caller's span, across the four services, down
        // to the webhook call (its traceparent names a span of the tree).
        String webhookSpan = call.traceparent().split("-")[2];
        await().atMost(Platform.JOB_TIMEOUT).untilAsserted(() -> {
            List<SpanReceiver.Span> trace = platform.spans.trace(traceId);
            Map<String, SpanReceiver.Span> byId = trace.stream().collect(Collectors.toMap(SpanReceiver.Span::spanId,
                    span -> span, (first, second) -> first));
            for (SpanReceiver.Span span : trace) {
                assertThat(root(span, byId)).as("the root above %s of %s", span.name(), span.service())
                        .isEqualTo(callerSpan);
            }
            assertThat(trace).filteredOn(span -> jobId.equals(span.attributes().get("autoflow.job.id")))
                    .extracting(SpanReceiver.Span::service).contains("gateway-service", "orchestrator-service",
                            "analytics-service", "notification-service");
            assertThat(byId).as("the webhook call's span").containsKey(webhookSpan);
            assertThat(root(byId.get(webhookSpan), byId)).isEqualTo(callerSpan);
        });
    }

    /** The parent the span's ancestry ends at: the first one that is no span of the trace. */
    private static String root(SpanReceiver.Span span, Map<String, SpanReceiver.Span> byId) {
        SpanReceiver.Span current = span;
        for (int depth = 0; depth < 1_000 && byId.containsKey(current.parentSpanId()); depth++) {
            current = byId.get(current.parentSpanId());
        }
        return current.parentSpanId();
    }

    /** The JSON lines of each service's log with this trace id in their MDC. */
    private static Map<String, List<JsonNode>> linesOfTrace(String traceId) throws IOException {
        List<Path> logs;
        try (var files = Files.list(Platform.LOGS)) {
            logs = files.filter(p -> p.getFileName().toString().endsWith("-service.log")).toList();
        }
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        for (Path log : logs) {
            String service = log.getFileName().toString().replace(".log", "");
            for (String text : Files.readAllLines(log)) {
                if (!text.startsWith("{")) {
                    continue;
                }
                JsonNode line = JSON.readTree(text);
                if (traceId.equals(line.path("mdc").path("traceId").asText())) {
                    found.add(Map.entry(service, line));
                }
            }
        }
        return found.stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }
}
