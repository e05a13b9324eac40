package io.autoflow.orchestrator.metrics;

import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.orchestrator.domain.Execution;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Counts jobs as they start and end, and times them from the moment they were asked for to their end (what the user
 * waits): {@code autoflow_jobs_started_total{workflow_type}},
 * {@code autoflow_jobs_finished_total{workflow_type,outcome,error_code}} and the histogram
 * {@code autoflow_job_duration_seconds{workflow_type,outcome}}, with buckets around the targets (30 s for a 10 MB
 * document, an alert past 60 s, the 5-minute ceiling of a running job). Called once the change is committed, with the
 * job as the change left it: a redelivered event, which changes nothing, counts nothing.
 */
@ApplicationScoped
public class JobMetrics {

    static final Duration[] DURATION_BUCKETS = {Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(120), Duration.ofSeconds(300)};

    private final MeterRegistry registry;
    private final JobLabels labels = new JobLabels();

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts what this change did to the job: recorded it, ended it, both (done at once), or neither. */
    public void observe(Execution execution) {
        if (execution == null) {
            return;
        }
        String type = JobLabels.workflowType(execution.workflowType);
        if (execution.recordedNow) {
            Counter.builder("autoflow.jobs.started").description("Jobs recorded, by workflow type")
                    .tag("workflow_type", type).register(registry).increment();
        }
        if (execution.endedNow) {
            String outcome = execution.status == Status.COMPLETED ? "completed" : "failed";
            Counter.builder("autoflow.jobs.finished").description("Jobs ended, by workflow type, outcome and error code")
                    .tag("workflow_type", type).tag("outcome", outcome).tag("error_code", errorCode(execution))
                    .register(registry).increment();
            Timer.builder("autoflow.job.duration")
                    .description("Time from a job's request to its end, by workflow type and outcome")
                    .tag("workflow_type", type).tag("outcome", outcome).serviceLevelObjectives(DURATION_BUCKETS)
                    .register(registry).record(Duration.ofMillis(execution.durationMs == null ? 0 : execution.durationMs));
        }
    }

    private String errorCode(Execution execution) {
        if (execution.status != Status.FAILED) {
            return JobLabels.NO_ERROR;
        }
        ErrorInfo error = execution.error == null ? null : EventJson.read(execution.error, ErrorInfo.class);
        return labels.errorCode(error == null || error.code() == null ? "internal_error" : error.code());
    }
}
