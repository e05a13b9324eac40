package io.autoflow.service.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jboss.logging.MDC;

/**
 * Work done later, on a thread of its own, than the request or record that asked for it (a delivery attempt taken
 * from the database): it runs in a span of its own, a child of the {@code traceparent} kept with the work, so the
 * job's trace goes on, and its log lines carry the trace, span, job and user ids. The thread is left as it was.
 */
@ApplicationScoped
public class ResumedTrace {

    private final Tracer tracer;

    public ResumedTrace(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * @param spanName {@code Class.method} of the work
     * @param traceParent what was kept of the trace; null starts a new one
     */
    public <T> T run(String spanName, String traceParent, String jobId, String userId, String workflowType,
            Callable<T> work) throws Exception {
        Span span = tracer.spanBuilder(spanName).setParent(TraceParents.restore(traceParent)).startSpan();
        Map<String, Object> before = new HashMap<>(MDC.getMap());
        try (Scope ignored = span.makeCurrent()) {
            // Off a Vert.x context OpenTelemetry does not fill the MDC in itself.
            SpanContext ids = span.getSpanContext();
            MDC.put(JobContext.TRACE_ID, ids.getTraceId());
            MDC.put(JobContext.SPAN_ID, ids.getSpanId());
            JobContext.enter(jobId, userId, workflowType);
            return work.call();
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
            MDC.clear();
            before.forEach(MDC::put);
        }
    }
}
