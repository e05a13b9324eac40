package io.autoflow.gateway.rest;

import io.autoflow.blob.BlobStore;
import io.autoflow.events.DocumentTypes;
import io.autoflow.events.ExecutionView;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.idempotency.Idempotent;
import io.autoflow.gateway.service.JobEventStreams;
import io.autoflow.gateway.service.Jobs;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The caller's jobs: {@code GET /api/jobs}, {@code GET /api/jobs/{id}} and its report,
 * {@code GET /api/jobs/{id}/report}, its events; a workflow run's {@code POST /api/jobs/{id}/cancel} and {@code POST
 * /api/jobs/{id}/rerun}. It speaks HTTP and delegates: which jobs the caller may see to {@link OwnedJobs}, what they
 * see of one to {@link JobViews}, a run's controls to {@link WorkflowRunControl}. Status and results come from the
 * orchestrator, and a job it has not recorded yet is shown as queued.
 */
@Tag(name = "Jobs",
        description = "Everything Autoflow does runs as a job: follow one, list them, stream its changes, download "
                + "its report.")
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private final CurrentUser user;
    private final Jobs jobs;
    private final JobStatusClient status;
    private final OwnedJobs owned;
    private final JobViews views;
    private final BlobStore blobs;
    private final JobEventStreams eventStreams;
    private final WorkflowRunControl runs;

    public JobResource(CurrentUser user, Jobs jobs, JobStatusClient status, OwnedJobs owned, JobViews views,
            BlobStore blobs, JobEventStreams eventStreams, WorkflowRunControl runs) {
        this.user = user;
        this.jobs = jobs;
        this.status = status;
        this.owned = owned;
        this.views = views;
        this.blobs = blobs;
        this.eventStreams = eventStreams;
        this.runs = runs;
    }

    /** A page of jobs, newest first; {@code has_more}: ask again with {@code starting_after} the last one's id. */
    public record JobList(List<JobView> jobs, boolean hasMore) {
    }

    @Operation(operationId = "getJob", summary = "A job: status, result or error, report and delivery",
            description = "A job of the caller's: its status (queued, processing, completed, failed), progress, result "
                    + "or error, the report's address and how its delivery went. A completed analysis answers "
                    + "its full result. A workflow run's steps are jobs of their own (result.steps[].job_id), shown "
                    + "here too.")
    @GET
    @Path("/{id}")
    public Uni<JobView> get(@RestPath String id) {
        return owned.find(OwnedJobs.parse(id), user.id()).chain(job -> views.withDetail(job.job(), job.known()));
    }

    @Operation(operationId = "listJobs", summary = "The caller's jobs, newest first",
            description = "The caller's jobs, newest first, a page at a time: limit (1 to 100), then starting_after "
                    + "the last job's id while has_more. Each job shows its result summary; GET /api/jobs/{id} "
                    + "has the full result.")
    @GET
    public Uni<JobList> list(@QueryParam("limit") String limit, @QueryParam("starting_after") String startingAfter) {
        int size = ListPages.limit(limit);
        UUID after = ListPages.startingAfter(startingAfter);
        Uni<Job> cursor = after == null ? Uni.createFrom().nullItem() : jobs.ownedBy(user.id(), after)
                .onItem().ifNull().failWith(() -> ListPages.unknownCursor("jobs"));
        return cursor.chain(from -> jobs.newestFirst(user.id(), size + 1, from)).chain(found -> {
            List<Job> mine = found.stream().limit(size).toList();
            return status.byIds(user.id().toString(), mine.stream().map(job -> job.id.toString()).toList())
                    .onFailure().transform(OwnedJobs::unavailable)
                    .map(known -> {
                        Map<String, ExecutionView> byId = known.stream()
                                .collect(Collectors.toMap(ExecutionView::jobId, Function.identity()));
                        return new JobList(mine.stream().map(job -> views.summary(job, byId.get(job.id.toString())))
                                .toList(), found.size() > size);
                    });
        });
    }

    /**
     * The job as server-sent events: its view each time its status, progress or delivery changes, ending with the
     * final one (or after 15 minutes; the client then reconnects). Pushed as the orchestrator reports changes.
     */
    @Operation(operationId = "streamJobEvents", summary = "A job's changes as server-sent events, until it ends",
            description = "Server-sent events of the job's view, each time its status, progress or delivery changes,"
                    + " ending with its final state (or after 15 minutes; reconnect then). Another user's job is"
                    + " 404 before the stream starts.")
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<JobView> events(@RestPath String id) {
        UUID jobId = OwnedJobs.parse(id);
        String userId = user.id().toString();
        // EventStreamOwnership has already answered 404 for another user's job, before this stream started.
        return owned.toFollow(jobId, user.id()).onItem().transformToMulti(job -> follow(job.job(), id, userId));
    }

    /**
     * The caller's job ({@link OwnedJobs}), or its refusal (404; 503 when the orchestrator does not answer about a job
     * only it knows): checked by a request filter for the event stream, whose status is sent before its first event.
     */
    public Uni<Void> owns(String id) {
        return Uni.createFrom().deferred(() -> owned.toFollow(OwnedJobs.parse(id), user.id())).replaceWithVoid();
    }

    private Multi<JobView> follow(Job job, String id, String userId) {
        return eventStreams.follow(id, () -> status.get(id, userId).onFailure().recoverWithNull()
                .chain(known -> views.withDetail(job, known)));
    }

    /**
     * The job's report (PDF, PPTX or XLSX), for its owner only. Streamed from the blob store as it is sent, never held
     * whole ({@link BlobDownload}), so the method runs on a worker thread; the job and its result are looked up on the
     * request's Vert.x context first (Hibernate Reactive works only there).
     */
    @Operation(operationId = "downloadJobReport", summary = "A job's report (PDF, PowerPoint or Excel)",
            description = "The job's report as a file (PDF, PowerPoint or Excel, as the request asked), for the "
                    + "job's owner only; 404 while the job has none.")
    @GET
    @Path("/{id}/report")
    @Produces({"application/pdf", JobViews.PPTX, DocumentTypes.XLSX}) // its errors are problems, whatever Accept says
    @Blocking
    public Response report(@RestPath String id) throws IOException {
        UUID jobId = OwnedJobs.parse(id);
        UUID owner = user.id();
        JobViews.ReportFile report = OnVertxContext.await(() -> owned.find(jobId, owner)
                .map(job -> views.report(job.job(), job.known())));
        InputStream content = blobs.open(report.key()).orElseThrow(
                () -> new ApiException(ErrorCode.REPORT_NOT_AVAILABLE, "The report is no longer stored"));
        return Response.ok(new BlobDownload(content, report.key()), report.mediaType())
                .header("Content-Disposition", ContentDisposition.attachment(report.fileName())).build();
    }

    @Operation(operationId = "cancelWorkflowRun", summary = "Cancel a workflow run under way",
            description = "Cancels the caller's workflow run (a job of workflow_type workflow_run) while it runs: the"
                    + " run and the job of its step under way fail with error.code cancelled, and no further step"
                    + " starts (result.steps shows where it stopped). Answers the run as GET /api/jobs/{id} does. A"
                    + " run that has already ended is 409 run_finished; any other job, including one step's job of a"
                    + " run, is 409 not_cancellable.")
    @APIResponse(responseCode = "200", description = "The run, cancelled: status failed, error.code cancelled",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "job_not_found")
    @APIResponse(responseCode = "409", description = "run_finished: the run has already ended; not_cancellable: the"
            + " job is not a workflow run")
    @APIResponse(responseCode = "503", description = "orchestrator_unavailable: runs cannot be cancelled right now,"
            + " or the run has not begun yet; try again")
    @POST
    @Path("/{id}/cancel")
    public Uni<JobView> cancel(@RestPath String id, @Context HttpServerRequest http) {
        return runs.cancel(OwnedJobs.parse(id), user.id(), http);
    }

    @Operation(operationId = "rerunWorkflowRun", summary = "Start a failed workflow run again from its failed step",
            description = "Starts a new run of the same workflow revision as the caller's failed run (a job of"
                    + " workflow_type workflow_run whose status is failed, a cancelled one too): the steps that"
                    + " completed before the failed one are reused as they are, with their results and files"
                    + " (reused: true among the new run's steps), and the run goes on from the failed step with the"
                    + " earlier run's payload. Saving the workflow since changes nothing of it: the new run is"
                    + " pinned to the same revision. It is a job of its own, named as the earlier one, whose"
                    + " result.rerun_of names the earlier run: follow it at /api/jobs/{job_id}. Takes no body.")
    @APIResponse(responseCode = "202", description = "The new run is queued: follow it at /api/jobs/{job_id}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentAnalyticsResource.Accepted.class)))
    @APIResponse(responseCode = "404", description = "job_not_found")
    @APIResponse(responseCode = "409", description = "run_not_failed: the job is a run under way or completed, or"
            + " not a workflow run; idempotency_request_in_progress: a request with this Idempotency-Key is still"
            + " running, retry soon")
    @APIResponse(responseCode = "503", description = "orchestrator_unavailable: the run cannot be read right now;"
            + " service_unavailable: runs cannot be handled right now (see Retry-After)")
    @POST
    @Path("/{id}/rerun")
    @Idempotent
    @Parameter(ref = Idempotent.PARAMETER)
    public Uni<Response> rerun(@RestPath String id, @Context HttpServerRequest http) {
        return runs.rerun(OwnedJobs.parse(id), user.id(), user.email(), http);
    }
}
