package io.autoflow.service.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import org.jboss.logging.MDC;

/**
 * Marks the work at hand as one job's, in the one way every service does it: the current span gets the job id and
 * workflow type as attributes, and every log line from here on (on this Vert.x context, or a thread that carries it,
 * see {@link CarriedContext}) has the job and user id in its MDC, next to the trace and span ids OpenTelemetry puts
 * there, and every span started from here on gets them too ({@link JobSpanAttributes}). Only ids: never an email, a
 * key or anything from a document.
 */
public final class JobContext {

    /** MDC keys, as the JSON log lines name them. */
    public static final String JOB_ID = "jobId";
    public static final String USER_ID = "userId";
    public static final String WORKFLOW_TYPE = "workflowType";
    /** MDC keys OpenTelemetry fills in. */
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    /** Span attributes. */
    public static final AttributeKey<String> JOB_ID_ATTRIBUTE = AttributeKey.stringKey("autoflow.job.id");
    public static final AttributeKey<String> WORKFLOW_TYPE_ATTRIBUTE = AttributeKey.stringKey("autoflow.workflow.type");

    private JobContext() {
    }

    /**
     * @param jobId the job (execution) id
     * @param userId the job's owner, or null where the event does not say
     * @param workflowType the job's intent or event type, or null where unknown
     */
    public static void enter(String jobId, String userId, String workflowType) {
        Span span = Span.current();
        if (jobId != null) {
            span.setAttribute(JOB_ID_ATTRIBUTE, jobId);
            MDC.put(JOB_ID, jobId);
        }
        if (workflowType != null) {
            span.setAttribute(WORKFLOW_TYPE_ATTRIBUTE, workflowType);
            MDC.put(WORKFLOW_TYPE, workflowType);
        }
        if (userId != null) {
            MDC.put(USER_ID, userId);
        }
    }
}
