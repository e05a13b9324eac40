package io.autoflow.gateway.rest;

import io.autoflow.blob.BlobStore;
import io.autoflow.blob.SignedLinks;
import io.autoflow.events.DocumentTypes;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionView;
import io.autoflow.events.Intents;
import io.autoflow.events.result.AnalysisResult;
import io.autoflow.events.result.ApiCallResult;
import io.autoflow.events.result.JobResult;
import io.autoflow.events.result.JobResults;
import io.autoflow.events.result.StoredFile;
import io.autoflow.events.result.TransformResult;
import io.autoflow.events.result.WorkflowRunResult;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.events.workflow.WorkflowTrigger;
import io.autoflow.gateway.audit.AuditLog;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.idempotency.Idempotent;
import io.autoflow.gateway.service.JobEventStreams;
import io.autoflow.gateway.service.Jobs;
import io.autoflow.service.files.FileNames;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The caller's jobs: {@code GET /api/jobs}, {@code GET /api/jobs/{id}} and its report,
 * {@code GET /api/jobs/{id}/report}, its events; a workflow run's {@code POST /api/jobs/{id}/cancel} and {@code POST
 * /api/jobs/{id}/rerun}. Ownership is checked against the gateway's own record first, so another user's job is a 404;
 * a job the gateway has no record of (a workflow step's, which the orchestrator made) is shown when the orchestrator
 * knows it as the caller's ({@link #ownJob}). Status and results come from the orchestrator, and a job it has not
 * recorded yet is shown as queued.
 */
@Tag(name = "Jobs",
        description = "Everything Autoflow does runs as a job: follow one, list them, stream its changes, download "
                + "its report.")
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    private static final Logger LOG = Logger.getLogger(JobResource.class);

    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    /** The report formats served, by the file extension of the stored report. */
    private static final Map<String, String> REPORT_TYPES = Map.of("pdf", "application/pdf", "pptx", PPTX,
            "xlsx", DocumentTypes.XLSX);
    /** The orchestrator's refusals of a cancellation, each one of our codes. */
    private static final Set<ErrorCode> CANCEL_REFUSALS = Set.of(ErrorCode.RUN_FINISHED, ErrorCode.NOT_CANCELLABLE);

    private final CurrentUser user;
    private final Jobs jobs;
    private final JobStatusClient status;
    private final BlobStore blobs;
    private final SignedLinks links;
    private final Duration linkValidity;
    private final JobEventStreams eventStreams;
    private final AuditLog audit;
    private final WorkflowRunIntake runs;

    public JobResource(CurrentUser user, Jobs jobs, JobStatusClient status, BlobStore blobs,
            SignedLinks links, @ConfigProperty(name = "autoflow.links.download-validity") Duration linkValidity,
            JobEventStreams eventStreams, AuditLog audit, WorkflowRunIntake runs) {
        this.eventStreams = eventStreams;
        this.audit = audit;
        this.runs = runs;
        this.blobs = blobs;
        this.links = links;
        this.linkValidity = linkValidity;
        this.user = user;
        this.jobs = jobs;
        this.status = status;
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
        return ownJob(parse(id), user.id()).chain(owned -> withDetail(owned.job(), owned.known()));
    }

    /** A job the caller may see, and what the orchestrator knows of it ({@code null}: nothing yet). */
    private record Owned(Job job, ExecutionView known) {
    }

    /**
     * The caller's job with the orchestrator's record of it: one the gateway accepted for them, or one only the
     * orchestrator holds, such as a workflow step's (it made those), which it answers for its owner only. A job the
     * gateway recorded for another user is a 404 without asking; so is one the orchestrator does not know as the
     * caller's. The orchestrator not answering is 503.
     */
    private Uni<Owned> ownJob(UUID jobId, UUID owner) {
        return ownJob(jobId, owner, true);
    }

    /**
     * @param recordedNeedsStatus whether a job the gateway recorded needs the orchestrator's record too; not for
     *     following its events, which show it queued until the orchestrator answers (its known is then null)
     */
    private Uni<Owned> ownJob(UUID jobId, UUID owner, boolean recordedNeedsStatus) {
        return recordedFor(jobId, owner).chain(recorded -> {
            if (recorded != null && !recordedNeedsStatus) {
                return Uni.createFrom().item(new Owned(recorded, null));
            }
            return status.get(jobId.toString(), owner.toString()).onFailure().transform(JobResource::unavailable)
                    .map(known -> {
                        if (recorded != null) {
                            return new Owned(recorded, known);
                        }
                        if (known == null) {
                            throw notFound();
                        }
                        return new Owned(orchestrated(jobId, owner, known), known);
                    });
        });
    }

    /**
     * The gateway's record of the caller's job, or {@code null} when it has none of that id; a 404 when the gateway
     * recorded it for another user.
     */
    private Uni<Job> recordedFor(UUID jobId, UUID owner) {
        return jobs.byId(jobId).map(recorded -> {
            if (recorded != null && !recorded.userId.equals(owner)) {
                throw notFound();
            }
            return recorded;
        });
    }

    /**
     * A job the gateway did not accept (the orchestrator made it: a workflow step's), as the gateway's own record
     * would have it, for its view and links: kept nowhere. Its files are under its own id's prefix, as any job's.
     */
    private static Job orchestrated(UUID jobId, UUID owner, ExecutionView known) {
        Job job = new Job();
        job.id = jobId;
        job.userId = owner;
        job.workflowType = known.workflowType();
        job.createdAt = known.createdAt();
        return job;
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
                    .onFailure().transform(JobResource::unavailable)
                    .map(known -> {
                        Map<String, ExecutionView> byId = known.stream()
                                .collect(Collectors.toMap(ExecutionView::jobId, Function.identity()));
                        return new JobList(mine.stream().map(job -> {
                            ExecutionView view = byId.get(job.id.toString());
                            return view(job, view, result(view));
                        }).toList(),
                                found.size() > size);
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
        UUID jobId = parse(id);
        String userId = user.id().toString();
        // EventStreamOwnership has already answered 404 for another user's job, before this stream started.
        return ownJob(jobId, user.id(), false).onItem().transformToMulti(owned -> follow(owned.job(), id, userId));
    }

    /**
     * The caller's job ({@link #ownJob}), or its refusal (404; 503 when the orchestrator does not answer about a job
     * only it knows): checked by a request filter for the event stream, whose status is sent before its first event.
     */
    public Uni<Void> owns(String id) {
        try {
            return ownJob(UUID.fromString(id), user.id(), false).replaceWithVoid();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(notFound());
        }
    }

    private Multi<JobView> follow(Job job, String id, String userId) {
        return eventStreams.follow(id, () -> status.get(id, userId).onFailure().recoverWithNull()
                .chain(known -> withDetail(job, known)));
    }

    /**
     * The job's view with its full result: an analysis keeps every table's statistics, the text's and every alert in
     * the blob store with its report (the orchestrator, like every event, holds a bounded summary naming it). Without
     * it (erased meanwhile), the summary is what there is.
     */
    private Uni<JobView> withDetail(Job job, ExecutionView known) {
        JobResult summary = result(known);
        String key = summary instanceof AnalysisResult analysis ? ownKey(analysis.detail(), reports(job)) : null;
        if (key == null) {
            return Uni.createFrom().item(view(job, known, summary));
        }
        return Uni.createFrom().item(() -> {
            try (InputStream in = blobs.open(key).orElse(null)) {
                return view(job, known, in == null ? summary : EventJson.mapper().readValue(in, AnalysisResult.class));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * The result as its workflow's record. One that does not read (a worker's bug) is logged and left out rather than
     * failing the whole job's view.
     */
    private static JobResult result(ExecutionView known) {
        if (known == null) {
            return null;
        }
        try {
            return JobResults.read(known.workflowType(), known.result());
        } catch (IllegalArgumentException e) {
            LOG.errorf(e, "The result of job %s is left out", known.jobId());
            return null;
        }
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
    @Produces({"application/pdf", PPTX, DocumentTypes.XLSX}) // its errors are problems, whatever Accept says
    @Blocking
    public Response report(@RestPath String id) throws IOException {
        UUID jobId = parse(id);
        UUID owner = user.id();
        ReportFile report = OnVertxContext.await(() -> reportFile(jobId, owner));
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
        UUID jobId = parse(id);
        UUID owner = user.id();
        return recordedFor(jobId, owner).chain(recorded -> {
            if (recorded != null && !Intents.WORKFLOW_RUN.equals(recorded.workflowType)) {
                throw new ApiException(ErrorCode.NOT_CANCELLABLE, "Only a workflow run can be cancelled");
            }
            return status.cancel(jobId.toString(), owner.toString())
                    .onFailure().transform(failure -> Refusals.translated(failure, CANCEL_REFUSALS,
                            ErrorCode.ORCHESTRATOR_UNAVAILABLE, "Runs cannot be cancelled right now; try again"))
                    .chain(cancelled -> {
                        if (cancelled == null) {
                            // The gateway's own run the orchestrator has not taken up yet: soon it will have.
                            throw recorded == null ? notFound() : new ApiException(ErrorCode.ORCHESTRATOR_UNAVAILABLE,
                                    "The run has not begun yet; try again in a moment");
                        }
                        Job job = recorded != null ? recorded : orchestrated(jobId, owner, cancelled);
                        return audit.record(owner.toString(), "workflow.run_cancelled", workflowOf(cancelled, jobId),
                                http, Map.of("job_id", jobId.toString()))
                                .chain(() -> withDetail(job, cancelled));
                    });
        });
    }

    /** What a run's audit record names: its workflow, as when it started (else the run itself). */
    private static String workflowOf(ExecutionView run, UUID jobId) {
        return result(run) instanceof WorkflowRunResult ran && ran.workflowId() != null ? ran.workflowId()
                : jobId.toString();
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
        UUID earlierId = parse(id);
        UUID jobId = runs.newJobId();
        UUID owner = user.id();
        return jobs.find(earlierId, owner).chain(earlier -> {
            if (earlier == null) {
                throw notFound();
            }
            if (!Intents.WORKFLOW_RUN.equals(earlier.workflowType)) {
                throw notFailed("This job is not a workflow run");
            }
            return status.get(earlierId.toString(), owner.toString()).onFailure().transform(JobResource::unavailable)
                    .chain(known -> {
                        if (known == null || !ExecutionView.FAILED.equals(known.status())) {
                            throw notFailed("This run has not failed: it is "
                                    + (known == null ? ExecutionView.QUEUED : known.status()));
                        }
                        if (!(result(known) instanceof WorkflowRunResult ran) || ran.workflowId() == null) {
                            throw notFailed("This run has no record of its steps to start again from");
                        }
                        return runs.accept(jobId, new RunWorkflow(ran.workflowId(), ran.revision(), earlier.fileName,
                                WorkflowTrigger.MANUAL, null, user.email(), earlierId.toString(), null),
                                stepsLeft(ran), http);
                    });
        });
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

    /** A stored report: its blob key, media type and the file name it is downloaded as. */
    private record ReportFile(String key, String mediaType, String fileName) {
    }

    /** The owner's job's report, or the failure to answer: not their job, no report (yet), orchestrator down. */
    private Uni<ReportFile> reportFile(UUID jobId, UUID owner) {
        return ownJob(jobId, owner).map(owned -> {
            Job job = owned.job();
            String key = ownReportKey(result(owned.known()), job);
            String extension = key == null ? null : key.substring(key.lastIndexOf('.') + 1);
            String mediaType = extension == null ? null : REPORT_TYPES.get(extension);
            if (mediaType == null) {
                throw new ApiException(ErrorCode.REPORT_NOT_AVAILABLE, "This job has no report (yet)");
            }
            return new ReportFile(key, mediaType, downloadName(job, extension));
        });
    }

    /** The job's charts with links that show them without the API key, e.g. in the web app's report view. */
    private List<JobView.ChartLink> chartLinks(JobResult result, Job job) {
        List<JobView.ChartLink> charts = new ArrayList<>();
        if (!(result instanceof AnalysisResult analysis) || analysis.charts() == null) {
            return charts;
        }
        Instant expires = Instant.now().plus(linkValidity);
        for (AnalysisResult.Chart chart : analysis.charts()) {
            String key = ownKey(chart.key(), reports(job));
            if (key != null) {
                charts.add(new JobView.ChartLink(chart.title() == null ? "Chart" : chart.title(),
                        "/files/" + links.token(key, key.substring(key.lastIndexOf('/') + 1), expires)));
            }
        }
        return charts;
    }

    /** The report's key; it comes from a worker's result, so it counts only inside this job's own prefix. */
    private static String ownReportKey(JobResult result, Job job) {
        return result instanceof AnalysisResult analysis && analysis.report() != null
                ? ownKey(analysis.report().key(), reports(job)) : null;
    }

    /** The key of an API call's answer or of converted data, inside the job's own prefix. */
    private static String ownFileKey(JobResult result, Job job) {
        if (result instanceof ApiCallResult call) {
            return ownKey(call.response(), "automations/" + job.userId + "/" + job.id + "/");
        }
        return result instanceof TransformResult transform
                ? ownKey(transform.file(), "transforms/" + job.userId + "/" + job.id + "/") : null;
    }

    /** Where an analysis keeps its report, charts and full result. */
    private static String reports(Job job) {
        return "reports/" + job.userId + "/" + job.id + "/";
    }

    private static String ownKey(StoredFile file, String prefix) {
        return file == null ? null : ownKey(file.key(), prefix);
    }

    private static String ownKey(String key, String prefix) {
        return key != null && key.startsWith(prefix) && !key.contains("..") ? key : null;
    }

    private static String downloadName(Job job, String extension) {
        String base = job.fileName == null ? "document" : job.fileName.replaceAll("\\.[^.]*$", "");
        return FileNames.safe(base + "-report." + extension);
    }

    /**
     * The orchestrator's record with the gateway's own facts added, or a queued job when it has none yet. The links
     * come from the worker's storage keys, which the result shown leaves out.
     */
    private JobView view(Job job, ExecutionView known, JobResult result) {
        if (known == null) {
            return new JobView(job.id.toString(), job.workflowType, ExecutionView.QUEUED, null, job.createdAt, null,
                    null, null, 0, job.fileName, null, null, null, null, null, null, null, List.of());
        }
        String reportKey = ownReportKey(result, job);
        String reportUrl = null;
        String downloadKey = null;
        String downloadName = null;
        if (reportKey != null) {
            reportUrl = "/api/jobs/" + job.id + "/report";
            downloadKey = reportKey;
            downloadName = downloadName(job, reportKey.substring(reportKey.lastIndexOf('.') + 1));
        }
        String fileKey = ownFileKey(result, job); // an API call's answer or a converted file
        if (fileKey != null) {
            downloadKey = fileKey;
            downloadName = fileKey.substring(fileKey.lastIndexOf('/') + 1);
        }
        // A link that works without the API key, e.g. for a browser or a colleague, until it expires.
        Instant expires = downloadKey == null ? null : Instant.now().plus(linkValidity);
        String downloadUrl = downloadKey == null ? null : "/files/" + links.token(downloadKey, downloadName, expires);
        String delivery = ExecutionView.COMPLETED.equals(known.status()) ? deliveryStatus(known, result)
                : known.deliveryStatus();
        return new JobView(known.jobId(), known.workflowType(), known.status(), known.progress(), known.createdAt(),
                known.startedAt(), known.completedAt(), known.durationMs(), known.attempt(), job.fileName,
                result == null ? null : result.withoutStorageKeys(), known.error(), delivery, known.delivery(),
                reportUrl, downloadUrl, expires, chartLinks(result, job));
    }

    /**
     * A report for download is ready as soon as the job completes; an email or webhook is pending until
     * notification-service reports on it, then retrying, delivered or failed.
     */
    private static String deliveryStatus(ExecutionView known, JobResult result) {
        String reported = known.deliveryStatus();
        if (reported == null) {
            String asked = result instanceof AnalysisResult analysis && analysis.output() != null
                    && analysis.output().delivery() != null ? analysis.output().delivery() : "download";
            return "download".equals(asked) ? "ready" : "pending";
        }
        return reported.equals("requested") ? "pending" : reported;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.JOB_NOT_FOUND, "No such job");
    }

    private static Throwable unavailable(Throwable cause) {
        return new ApiException(ErrorCode.ORCHESTRATOR_UNAVAILABLE, "Job status is unavailable right now; try again");
    }
}
