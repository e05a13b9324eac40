package io.autoflow.gateway.rest;

import io.autoflow.blob.BlobStore;
import io.autoflow.blob.SignedLinks;
import io.autoflow.events.DocumentTypes;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionView;
import io.autoflow.events.result.AnalysisResult;
import io.autoflow.events.result.ApiCallResult;
import io.autoflow.events.result.JobResult;
import io.autoflow.events.result.JobResults;
import io.autoflow.events.result.StoredFile;
import io.autoflow.events.result.TransformResult;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.service.JobEventStreams;
import io.autoflow.gateway.service.Jobs;
import io.autoflow.service.files.FileNames;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The caller's jobs: {@code GET /api/jobs}, {@code GET /api/jobs/{id}} and its report,
 * {@code GET /api/jobs/{id}/report}. Ownership is checked against the gateway's
 * own record first, so another user's job is a 404; status and results come from the orchestrator, and a job it has
 * not recorded yet is shown as queued.
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

    private final CurrentUser user;
    private final Jobs jobs;
    private final JobStatusClient status;
    private final BlobStore blobs;
    private final SignedLinks links;
    private final Duration linkValidity;
    private final JobEventStreams eventStreams;

    public JobResource(CurrentUser user, Jobs jobs, JobStatusClient status, BlobStore blobs,
            SignedLinks links, @ConfigProperty(name = "autoflow.links.download-validity") Duration linkValidity,
            JobEventStreams eventStreams) {
        this.eventStreams = eventStreams;
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
                    + "its full result.")
    @GET
    @Path("/{id}")
    public Uni<JobView> get(@RestPath String id) {
        UUID jobId = parse(id);
        return jobs.find(jobId, user.id()).chain(job -> {
            if (job == null) {
                throw notFound();
            }
            return status.get(id, user.id().toString())
                    .onFailure().transform(JobResource::unavailable)
                    .chain(known -> withDetail(job, known));
        });
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
        return jobs.find(jobId, user.id()).onItem().ifNull().failWith(JobResource::notFound)
                .onItem().transformToMulti(job -> follow(job, id, userId));
    }

    /**
     * Whether the caller owns the job: checked by a request filter for the event stream, whose status is sent before
     * its first event.
     */
    public Uni<Boolean> owns(String id) {
        try {
            return jobs.find(UUID.fromString(id), user.id()).map(job -> job != null);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(false);
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
        ReportFile report = onVertxContext(() -> reportFile(jobId, owner));
        InputStream content = blobs.open(report.key()).orElseThrow(
                () -> new ApiException(ErrorCode.REPORT_NOT_AVAILABLE, "The report is no longer stored"));
        return Response.ok(new BlobDownload(content, report.key()), report.mediaType())
                .header("Content-Disposition", ContentDisposition.attachment(report.fileName())).build();
    }

    /** A stored report: its blob key, media type and the file name it is downloaded as. */
    private record ReportFile(String key, String mediaType, String fileName) {
    }

    /** The owner's job's report, or the failure to answer: not their job, no report (yet), orchestrator down. */
    private Uni<ReportFile> reportFile(UUID jobId, UUID owner) {
        return jobs.find(jobId, owner).chain(job -> {
            if (job == null) {
                throw notFound();
            }
            return status.get(jobId.toString(), owner.toString()).onFailure().transform(JobResource::unavailable)
                    .map(known -> {
                        String key = ownReportKey(result(known), job);
                        String extension = key == null ? null : key.substring(key.lastIndexOf('.') + 1);
                        String mediaType = extension == null ? null : REPORT_TYPES.get(extension);
                        if (mediaType == null) {
                            throw new ApiException(ErrorCode.REPORT_NOT_AVAILABLE, "This job has no report (yet)");
                        }
                        return new ReportFile(key, mediaType, downloadName(job, extension));
                    });
        });
    }

    /** Runs reactive work (Hibernate Reactive, REST clients) on the request's Vert.x context from a worker thread. */
    private static <T> T onVertxContext(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
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
