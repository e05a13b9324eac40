package io.autoflow.service.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.MDC;

/**
 * Gives every span started while a job is at hand ({@link JobContext#enter} put it in the MDC) the job's id and
 * workflow type: the database queries, the records sent, the calls made. A Kafka record's own span has ended by the
 * time its consumer runs (SmallRye closes it on receipt), so without this a worker's spans would not say which job
 * they were for. Picked up by Quarkus's OpenTelemetry SDK as a CDI bean.
 */
@ApplicationScoped
public class JobSpanAttributes implements SpanProcessor {

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (MDC.get(JobContext.JOB_ID) instanceof String jobId
                && span.getAttribute(JobContext.JOB_ID_ATTRIBUTE) == null) {
            span.setAttribute(JobContext.JOB_ID_ATTRIBUTE, jobId);
        }
        if (MDC.get(JobContext.WORKFLOW_TYPE) instanceof String type
                && span.getAttribute(JobContext.WORKFLOW_TYPE_ATTRIBUTE) == null) {
            span.setAttribute(JobContext.WORKFLOW_TYPE_ATTRIBUTE, type);
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
