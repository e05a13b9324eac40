package io.autoflow.gateway.rest;

import io.autoflow.events.ExecutionView;
import io.autoflow.events.Intents;
import io.autoflow.events.result.WorkflowRunResult;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.events.workflow.WorkflowTrigger;
import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.service.Jobs;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A workflow run's controls: cancel it while it runs, start a failed one again from its failed step. */
@ApplicationScoped
public class WorkflowRunControl {

    /** The orchestrator's refusals of a cancellation, each one of our codes. */
    private static final Set<ErrorCode> CANCEL_REFUSALS = Set.of(ErrorCode.RUN_FINISHED, ErrorCode.NOT_CANCELLABLE);

    private final OwnedJobs owned;
    private final Jobs jobs;
    private final JobStatusClient status;
    private final JobViews views;
    private final AuditLog audit;
    private final WorkflowRunIntake runs;

    public WorkflowRunControl(OwnedJobs owned, Jobs jobs, JobStatusClient status, JobViews views, AuditLog audit,
            WorkflowRunIntake runs) {
        this.owned = owned;
        this.jobs = jobs;
        this.status = status;
        this.views = views;
        this.audit = audit;
        this.runs = runs;
    }

    /**
     * Cancels the owner's run under way, audited, and answers it as it ended.
     *
     * @throws ApiException {@code not_cancellable} for another kind of job, {@code run_finished}, 404, or 503 when the
     *     orchestrator does not answer or has not taken the run up yet
     */
    Uni<JobView> cancel(UUID jobId, UUID owner, HttpServerRequest http) {
        return owned.recorded(jobId, owner).chain(recorded -> {
            if (recorded != null && !Intents.WORKFLOW_RUN.equals(recorded.workflowType)) {
                throw new ApiException(ErrorCode.NOT_CANCELLABLE, "Only a workflow run can be cancelled");
            }
            return status.cancel(jobId.toString(), owner.toString())
                    .onFailure().transform(failure -> Refusals.translated(failure, CANCEL_REFUSALS,
                            ErrorCode.ORCHESTRATOR_UNAVAILABLE, "Runs cannot be cancelled right now; try again"))
                    .chain(cancelled -> {
                        if (cancelled == null) {
                            // The gateway's own run the orchestrator has not taken up yet: soon it will have.
                            throw recorded == null ? OwnedJobs.notFound()
                                    : new ApiException(ErrorCode.ORCHESTRATOR_UNAVAILABLE,
                                            "The run has not begun yet; try again in a moment");
                        }
                        Job job = recorded != null ? recorded : JobViews.orchestrated(jobId, owner, cancelled);
                        return audit.record(owner.toString(), "workflow.run_cancelled", workflowOf(cancelled, jobId),
                                http, Map.of("job_id", jobId.toString()))
                                .chain(() -> views.withDetail(job, cancelled));
                    });
        });
    }

    /**
     * Starts the owner's failed run again, pinned to the same revision, from its failed step: the new run's 202.
     *
     * @throws ApiException {@code run_not_failed} for a run under way or completed, or another kind of job; 404; 503
     */
    Uni<Response> rerun(UUID earlierId, UUID owner, String ownerEmail, HttpServerRequest http) {
        UUID jobId = runs.newJobId();
        return jobs.find(earlierId, owner).chain(earlier -> {
            if (earlier == null) {
                throw OwnedJobs.notFound();
            }
            if (!Intents.WORKFLOW_RUN.equals(earlier.workflowType)) {
                throw notFailed("This job is not a workflow run");
            }
            return owned.known(earlierId, owner).chain(known -> {
                if (known == null || !ExecutionView.FAILED.equals(known.status())) {
                    throw notFailed("This run has not failed: it is "
                            + (known == null ? ExecutionView.QUEUED : known.status()));
                }
                if (!(JobViews.result(known) instanceof WorkflowRunResult ran) || ran.workflowId() == null) {
                    throw notFailed("This run has no record of its steps to start again from");
                }
                return runs.accept(jobId, new RunWorkflow(ran.workflowId(), ran.revision(), earlier.fileName,
                        WorkflowTrigger.MANUAL, null, ownerEmail, earlierId.toString(), null), stepsLeft(ran), http);
            });
        });
    }

    /** What a run's audit record names: its workflow, as when it started (else the run itself). */
    private static String workflowOf(ExecutionView run, UUID jobId) {
        return JobViews.result(run) instanceof WorkflowRunResult ran && ran.workflowId() != null ? ran.workflowId()
                : jobId.toString();
    }

    private static ApiException notFailed(String message) {
        return new ApiException(ErrorCode.RUN_NOT_FAILED, message + "; only a failed workflow run starts again from"
                + " its failed step");
    }

    /** The steps a rerun runs again: those of the earlier run that did not complete. */
    private static int stepsLeft(WorkflowRunResult ran) {
        return (int) ran.steps().stream().filter(step -> step.fallbackFor() == null
                && !WorkflowRunResult.COMPLETED.equals(step.status())).count();
    }
}
