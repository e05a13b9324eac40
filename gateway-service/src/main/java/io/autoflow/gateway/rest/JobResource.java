package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.blob.BlobStore;
import io.autoflow.blob.SignedLinks;
import io.autoflow.events.DocumentTypes;
import io.autoflow.events.ExecutionView;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.service.JobEventStreams;
import io.autoflow.gateway.service.Jobs;
import io.autoflow.service.VertxContexts;
import io.autoflow.service.files.FileNames;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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

    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    /** The report formats served, by the file extension of the stored report. */
    private static final Map<String, String> REPORT_TYPES = Map.of("pdf", "application/pdf", "pptx", PPTX,
            "xlsx", DocumentTypes.XLSX);

    private final CurrentUser user;
    private final Jobs jobs;
    private final JobStatusClient status;
    private final ObjectMapper json;
    private final BlobStore blobs;
    private final SignedLinks links;
    private final Duration linkValidity;
    private final JobEventStreams eventStreams;

    public JobResource(CurrentUser user, Jobs jobs, JobStatusClient status, ObjectMapper json, BlobStore blobs,
            SignedLinks links, @ConfigProperty(name = "autoflow.links.download-validity") Duration linkValidity,
            JobEventStreams eventStreams) {
        this.eventStreams = eventStreams;
        this.blobs = blobs;
        this.links = links;
        this.linkValidity = linkValidity;
        this.user = user;
        this.jobs = jobs;
        this.status = status;
        this.json = json;
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
                    .chain(known -> withDetail(job, view(job, known)));
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
                        return new JobList(mine.stream().map(job -> view(job, byId.get(job.id.toString()))).toList(),
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
                .chain(known -> withDetail(job, view(job, known))));
    }

    /**
     * The job's view with its full result: an analysis keeps every table's statistics, the text's and every alert in
     * the blob store with its report (the orchestrator, like every event, holds a bounded summary naming it). Without
     * it (erased meanwhile), the summary is what there is.
     */
    private Uni<JobView> withDetail(Job job, JobView view) {
        String key = ownKey(view.result(), "detail", "reports/" + job.userId + "/" + job.id + "/");
        if (key == null) {
            return Uni.createFrom().item(view);
        }
        return Uni.createFrom().item(() -> {
            try (InputStream in = blobs.open(key).orElse(null)) {
                return in == null ? view : view.withResult(json.readTree(in));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The job's report (PDF, PPTX or XLSX), for its owner only. */
    @Operation(operationId = "downloadJobReport", summary = "A job's report (PDF, PowerPoint or Excel)",
            description = "The job's report as a file (PDF, PowerPoint or Excel, as the request asked), for the "
                    + "job's owner only; 404 while the job has none.")
    @GET
    @Path("/{id}/report")
    @Produces({"application/pdf", PPTX, DocumentTypes.XLSX, MediaType.APPLICATION_JSON})
    public Uni<Response> report(@RestPath String id) {
        UUID jobId = parse(id);
        return jobs.find(jobId, user.id()).chain(job -> {
            if (job == null) {
                throw notFound();
            }
            return status.get(id, user.id().toString()).onFailure().transform(JobResource::unavailable)
                    .chain(known -> {
                        String key = ownReportKey(known, job);
                        if (key == null) {
                            throw new ApiException(ErrorCode.REPORT_NOT_AVAILABLE, "This job has no report (yet)");
                        }
                        String extension = key.substring(key.lastIndexOf('.') + 1);
                        String mediaType = REPORT_TYPES.get(extension);
                        if (mediaType == null) {
                            throw new ApiException(ErrorCode.REPORT_NOT_AVAILABLE, "This job has no report (yet)");
                        }
                        return VertxContexts.blocking(() -> read(key)).map(report -> Response.ok(report, mediaType)
                                .header("Content-Disposition", ContentDisposition.attachment(
                                        downloadName(job, extension))).build());
                    });
        });
    }

    private byte[] read(String key) throws java.io.IOException {
        try (InputStream in = blobs.open(key).orElseThrow(
                () -> new ApiException(ErrorCode.REPORT_NOT_AVAILABLE, "The report is no longer stored"))) {
            return in.readAllBytes();
        }
    }

    /** The job's charts with links that show them without the API key, e.g. in the web app's report view. */
    private List<JobView.ChartLink> chartLinks(JsonNode result, Job job) {
        List<JobView.ChartLink> charts = new ArrayList<>();
        String prefix = "reports/" + job.userId + "/" + job.id + "/";
        Instant expires = Instant.now().plus(linkValidity);
        for (JsonNode chart : result == null ? json.createArrayNode() : result.path("charts")) {
            String key = chart.path("key").asText("");
            if (key.startsWith(prefix) && !key.contains("..")) {
                charts.add(new JobView.ChartLink(chart.path("title").asText("Chart"),
                        "/files/" + links.token(key, key.substring(key.lastIndexOf('/') + 1), expires)));
            }
        }
        return charts;
    }

    /** The report's key; it comes from a worker's result, so it counts only inside this job's own prefix. */
    private static String ownReportKey(ExecutionView known, Job job) {
        return known == null ? null : ownKey(known.result(), "report", "reports/" + job.userId + "/" + job.id + "/");
    }

    /** The key of an API call's answer or of converted data, inside the job's own prefix. */
    private static String ownFileKey(JsonNode result, Job job) {
        String answer = ownKey(result, "response", "automations/" + job.userId + "/" + job.id + "/");
        return answer != null ? answer : ownKey(result, "file", "transforms/" + job.userId + "/" + job.id + "/");
    }

    private static String ownKey(JsonNode result, String field, String prefix) {
        JsonNode key = result == null ? null : result.path(field).path("key");
        return key != null && key.isTextual() && key.asText().startsWith(prefix) && !key.asText().contains("..")
                ? key.asText() : null;
    }

    private static String downloadName(Job job, String extension) {
        String base = job.fileName == null ? "document" : job.fileName.replaceAll("\\.[^.]*$", "");
        return FileNames.safe(base + "-report." + extension);
    }

    /** The orchestrator's record with the gateway's own facts added, or a queued job when it has none yet. */
    private JobView view(Job job, ExecutionView known) {
        if (known == null) {
            return new JobView(job.id.toString(), job.workflowType, ExecutionView.QUEUED, null, job.createdAt, null,
                    null, null, 0, job.fileName, null, null, null, null, null, null, null, List.of());
        }
        String reportKey = ownReportKey(known, job);
        String reportUrl = null;
        String downloadKey = null;
        String downloadName = null;
        if (reportKey != null) {
            reportUrl = "/api/jobs/" + job.id + "/report";
            downloadKey = reportKey;
            downloadName = downloadName(job, reportKey.substring(reportKey.lastIndexOf('.') + 1));
        }
        String fileKey = ownFileKey(known.result(), job); // an API call's answer or a converted file
        if (fileKey != null) {
            downloadKey = fileKey;
            downloadName = fileKey.substring(fileKey.lastIndexOf('/') + 1);
        }
        // A link that works without the API key, e.g. for a browser or a colleague, until it expires.
        Instant expires = downloadKey == null ? null : Instant.now().plus(linkValidity);
        String downloadUrl = downloadKey == null ? null : "/files/" + links.token(downloadKey, downloadName, expires);
        String delivery = ExecutionView.COMPLETED.equals(known.status()) ? deliveryStatus(known)
                : known.deliveryStatus();
        return new JobView(known.jobId(), known.workflowType(), known.status(), known.progress(), known.createdAt(),
                known.startedAt(), known.completedAt(), known.durationMs(), known.attempt(), job.fileName,
                known.result(), known.error(), delivery, known.delivery(), reportUrl, downloadUrl, expires,
                chartLinks(known.result(), job));
    }

    /**
     * A report for download is ready as soon as the job completes; an email or webhook is pending until
     * notification-service reports on it, then retrying, delivered or failed.
     */
    private static String deliveryStatus(ExecutionView known) {
        String reported = known.deliveryStatus();
        if (reported == null) {
            String asked = known.result() == null ? "download"
                    : known.result().path("output").path("delivery").asText("download");
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
