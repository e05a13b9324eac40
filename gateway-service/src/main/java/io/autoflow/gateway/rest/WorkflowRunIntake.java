package io.autoflow.gateway.rest;

import io.autoflow.blob.BlobStore;
import io.autoflow.events.DocumentTypes;
import io.autoflow.events.EventJson;
import io.autoflow.events.Intents;
import io.autoflow.events.result.StoredFile;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.service.JobIntake;
import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a workflow's run as a job of the caller, whichever route asks for it: a run now ({@code POST
 * /api/workflows/{id}/runs}), a failed run started again from its failed step ({@code POST /api/jobs/{id}/rerun}),
 * or a webhook ({@code POST /hooks/{token}}, whose caller is the workflow's owner). The run is accepted as any job is
 * ({@link JobIntake}: intent {@code workflow_run}, named after its workflow, parameters {@link RunWorkflow}), audited
 * against its workflow ({@code workflow.run_started}, or {@code workflow.run_restarted} for a rerun, with the
 * revision, the trigger, the new job and the run it restarts) and answered 202 with where to follow it.
 */
@RequestScoped
public class WorkflowRunIntake {

    /** What the 202 estimates per step, in seconds: each step is a job of its own. */
    static final int SECONDS_PER_STEP = 2;

    private final CurrentUser user;
    private final JobIntake intake;
    private final AuditLog audit;
    private final BlobStore blobs;

    public WorkflowRunIntake(CurrentUser user, JobIntake intake, AuditLog audit, BlobStore blobs) {
        this.user = user;
        this.intake = intake;
        this.audit = audit;
        this.blobs = blobs;
    }

    /** The id of the run about to start: its {@code Idempotency-Key}'s, or a new one (take it first). */
    UUID newJobId() {
        return intake.newJobId();
    }

    /**
     * Where a run's payload is kept as a file, with the caller's uploads: {@code uploads/<user>/<job>/payload.<ext>}.
     * A step reads it by its extension ({@code trigger.csv}).
     */
    String payloadKey(UUID jobId, String extension) {
        return "uploads/" + user.id() + "/" + jobId + "/payload." + extension;
    }

    /** @param steps how many steps the run will run, for the estimate */
    Uni<Response> accept(UUID jobId, RunWorkflow run, int steps, HttpServerRequest http) {
        Map<String, Object> details = new HashMap<>();
        details.put("revision", run.revision());
        details.put("trigger", run.trigger());
        details.put("job_id", jobId.toString());
        if (run.rerunOf() != null) {
            details.put("rerun_of", run.rerunOf());
        }
        String action = run.rerunOf() == null ? "workflow.run_started" : "workflow.run_restarted";
        // A file a webhook brought is stored already, and counts as uploaded; a JSON payload is the run's parameters.
        long uploaded = run.payload() == null && run.payloadFile() != null ? run.payloadFile().sizeBytes() : 0;
        return withPayloadStored(jobId, run).chain(stored -> intake.accept(jobId, Intents.WORKFLOW_RUN, run.name(),
                uploaded, stored))
                .call(job -> audit.record(user.id().toString(), action, run.workflowId(), http, details))
                .map(job -> accepted(jobId, steps));
    }

    /** 202 with the run's job and where to follow it, estimating {@link #SECONDS_PER_STEP} a step. */
    static Response accepted(UUID jobId, int steps) {
        return DocumentAnalyticsResource.Accepted.response(jobId, SECONDS_PER_STEP * Math.max(1, steps));
    }

    /**
     * The payload kept as a JSON file with the run, as an upload is kept with its job, for a step to read whole
     * ({@code input: "trigger"}): a table of rows posted to the run, say. Its key is the job's, so a retried request
     * (the same Idempotency-Key) writes the same file again.
     */
    private Uni<RunWorkflow> withPayloadStored(UUID jobId, RunWorkflow run) {
        if (run.payload() == null) {
            return Uni.createFrom().item(run);
        }
        String key = payloadKey(jobId, "json");
        return VertxContexts.blocking(() -> {
            byte[] bytes = EventJson.mapper().writeValueAsBytes(run.payload());
            blobs.put(key, new ByteArrayInputStream(bytes));
            return run.withPayload(run.payload(), new StoredFile(key, DocumentTypes.JSON, bytes.length));
        });
    }
}
