package io.autoflow.service.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The trace helpers with the real OpenTelemetry SDK (no exporter): ids, parents, MDC, threads. */
class TracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String INCOMING = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(new JobSpanAttributes()).build();
    private final Tracer tracer = provider.get("test");
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() throws Exception {
        MDC.clear();
        other.shutdownNow();
        other.awaitTermination(5, TimeUnit.SECONDS);
        provider.close();
    }

    @Test
    void aKeptTraceparentBecomesTheParentOfLaterSpans() {
        Span later = tracer.spanBuilder("later").setParent(TraceParents.restore(INCOMING)).startSpan();

        assertThat(later.getSpanContext().getTraceId()).isEqualTo(TRACE_ID);
        assertThat(((ReadableSpan) later).getParentSpanContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
        try (Scope ignored = later.makeCurrent()) {
            assertThat(TraceParents.current()).isEqualTo("00-" + TRACE_ID + "-" + later.getSpanContext().getSpanId()
                    + "-01");
        }
    }

    @Test
    void noTraceparentOrAMalformedOneStartsAFreshTrace() {
        assertThat(TraceParents.current()).as("no span").isNull();
        for (String kept : new String[] {null, "", "garbage", "00-short-00f067aa0ba902b7-01"}) {
            Span span = tracer.spanBuilder("fresh").setParent(TraceParents.restore(kept)).startSpan();
            assertThat(((ReadableSpan) span).getParentSpanContext().isValid()).as(String.valueOf(kept)).isFalse();
            assertThat(span.getSpanContext().getTraceId()).isNotEqualTo(TRACE_ID);
        }
        assertThat(TraceParents.traceId(INCOMING)).isEqualTo(TRACE_ID);
        assertThat(TraceParents.traceId("garbage")).isNull();
    }

    @Test
    void spansStartedWhileAJobIsAtHandCarryItsIdEvenWhenTheRecordsSpanHasEnded() {
        Span received = tracer.spanBuilder("intents receive").startSpan();
        received.end(); // as SmallRye ends a Kafka record's span before its consumer runs
        try (Scope ignored = received.makeCurrent()) {
            JobContext.enter("job-2", "user-2", "api_automation");
            ReadableSpan query = (ReadableSpan) tracer.spanBuilder("INSERT orchestrator.executions").startSpan();

            assertThat(query.getAttribute(JobContext.JOB_ID_ATTRIBUTE)).isEqualTo("job-2");
            assertThat(query.getAttribute(JobContext.WORKFLOW_TYPE_ATTRIBUTE)).isEqualTo("api_automation");
            assertThat(query.getParentSpanContext().getSpanId()).isEqualTo(received.getSpanContext().getSpanId());
        }
        MDC.clear();
        assertThat(((ReadableSpan) tracer.spanBuilder("unrelated").startSpan())
                .getAttribute(JobContext.JOB_ID_ATTRIBUTE)).as("no job at hand").isNull();
    }

    @Test
    void enteringAJobTagsTheSpanAndTheLogContext() {
        Span span = tracer.spanBuilder("IntentConsumer.onIntent").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            JobContext.enter("job-1", "user-1", "document_analytics");
        }

        ReadableSpan handled = (ReadableSpan) span;
        assertThat(handled.getAttribute(JobContext.JOB_ID_ATTRIBUTE)).isEqualTo("job-1");
        assertThat(handled.getAttribute(JobContext.WORKFLOW_TYPE_ATTRIBUTE)).isEqualTo("document_analytics");
        assertThat(MDC.get(JobContext.JOB_ID)).isEqualTo("job-1");
        assertThat(MDC.get(JobContext.USER_ID)).isEqualTo("user-1");
    }

    @Test
    void workOnAnotherThreadKeepsTheCallersTraceAndLogContextAndLeavesTheThreadClean() throws Exception {
        // Started before the MDC is set: a thread made later would inherit it and prove nothing.
        other.submit(() -> null).get(5, TimeUnit.SECONDS);
        Span caller = tracer.spanBuilder("caller").startSpan();
        var work = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.Callable<String[]>>();
        try (Scope ignored = caller.makeCurrent()) {
            JobContext.enter("job-2", "user-2", null);
            work.set(CarriedContext.carry(() -> {
                Span child = tracer.spanBuilder("child").startSpan();
                return new String[] {child.getSpanContext().getTraceId(),
                        ((ReadableSpan) child).getParentSpanContext().getSpanId(), (String) MDC.get("jobId"),
                        (String) MDC.get("userId")};
            }));
        }

        String[] seen = other.submit(work.get()).get(5, TimeUnit.SECONDS);
        assertThat(seen).containsExactly(caller.getSpanContext().getTraceId(), caller.getSpanContext().getSpanId(),
                "job-2", "user-2");
        assertThat(other.submit(() -> MDC.get("jobId")).get(5, TimeUnit.SECONDS)).as("left behind").isNull();
        assertThat(other.submit(() -> Span.current().getSpanContext().isValid()).get(5, TimeUnit.SECONDS))
                .as("span left behind").isFalse();
    }
}
