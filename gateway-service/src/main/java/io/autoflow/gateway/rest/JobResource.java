package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.blob.BlobStore;
import io.autoflow.blob.SignedLinks;
import io.autoflow.events.DocumentTypes;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.service.JobEventStreams;
import io.autoflow.gateway.service.Jobs;
import io.autoflow.service.VertxContexts;
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
@Tag(name = "Jobs")
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

    /** A page of jobs, newest first. */
    /** A page of jobs, newest first; {@code has_more}: ask again with {@code starting_after} the last one's id. */
    public record JobList(List<JsonNode> jobs, boolean hasMore) {
    }

    @Operation(operationId = "getJob", summary = "A job: status, result or error, report and delivery")
    @GET
    @Path("/{id}")
    public Uni<JsonNode> get(@RestPath String id) {
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

    @Operation(operationId = "listJobs", summary = "The caller's jobs, newest first")
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
                        Map<String, JsonNode> byId = known.stream()
                                .collect(Collectors.toMap(j -> j.path("job_id").asText(), Function.identity()));
                        return new JobList(mine.stream().map(job -> view(job, byId.get(job.id.toString()))).toList(),
                                found.size() > size);
                    });
        });
    }

    /**
     * The job as server-sent events: its view each time its status, progress or delivery changes, ending with the
     * final one (or after 15 minutes; the client then reconnects). Pushed as the orchestrator reports changes.
     */
    @Operation(operationId = "streamJobEvents", summary = "A job's changes as server-sent events, until it ends")
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<JsonNode> events(@RestPath String id) {
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

    private Multi<JsonNode> follow(Job job, String id, String userId) {
        return eventStreams.follow(id, () -> status.get(id, userId).onFailure().recoverWithNull()
                .chain(known -> withDetail(job, view(job, known))));
    }

    /**
     * The job's view with its full result: an analysis keeps every table's statistics, the text's and every alert in
     * the blob store with its report (the orchestrator, like every event, holds a bounded summary naming it). Without
     * it (erased meanwhile), the summary is what there is.
     */
    private Uni<JsonNode> withDetail(Job job, JsonNode view) {
        String key = ownKey(view, "detail", "reports/" + job.userId + "/" + job.id + "/");
        if (key == null) {
            return Uni.createFrom().item(view);
        }
        return Uni.createFrom().item(() -> {
            try (InputStream in = blobs.open(key).orElse(null)) {
                if (in != null) {
                    ((ObjectNode) view).set("result", json.readTree(in));
                }
                return view;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The job's report (PDF, PPTX or XLSX), for its owner only. */
    @Operation(operationId = "downloadJobReport", summary = "A job's report (PDF, PowerPoint or Excel)")
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
    private JsonNode chartLinks(JsonNode known, Job job) {
        var charts = json.createArrayNode();
        String prefix = "reports/" + job.userId + "/" + job.id + "/";
        Instant expires = Instant.now().plus(linkValidity);
        for (JsonNode chart : known.path("result").path("charts")) {
            String key = chart.path("key").asText("");
            if (key.startsWith(prefix) && !key.contains("..")) {
                charts.addObject().put("title", chart.path("title").asText("Chart"))
                        .put("url", "/files/" + links.token(key, key.substring(key.lastIndexOf('/') + 1), expires));
            }
        }
        return charts;
    }

    /** The report's key; it comes from a worker's result, so it counts only inside this job's own prefix. */
    private static String ownReportKey(JsonNode known, Job job) {
        return ownKey(known, "report", "reports/" + job.userId + "/" + job.id + "/");
    }

    /** The key of an API call's answer or of converted data, inside the job's own prefix. */
    private static String ownFileKey(JsonNode known, Job job) {
        String answer = ownKey(known, "response", "automations/" + job.userId + "/" + job.id + "/");
        return answer != null ? answer : ownKey(known, "file", "transforms/" + job.userId + "/" + job.id + "/");
    }

    private static String ownKey(JsonNode known, String field, String prefix) {
        JsonNode key = known == null ? null : known.path("result").path(field).path("key");
        return key != null && key.isTextual() && key.asText().startsWith(prefix) && !key.asText().contains("..")
                ? key.asText() : null;
    }

    private static String downloadName(Job job, String extension) {
        String base = job.fileName == null ? "document" : job.fileName.replaceAll("\\.[^.]*$", "");
        return ContentDisposition.safeName(base + "-report." + extension);
    }

    /** A link that works without the API key, e.g. for a browser or a colleague, until it expires. */
    private void putDownloadLink(ObjectNode view, String key, String downloadName) {
        Instant expires = Instant.now().plus(linkValidity);
        view.put("download_url", "/files/" + links.token(key, downloadName, expires));
        view.put("download_url_expires_at", expires.toString());
    }

    /** The orchestrator's view with the gateway's own facts added, or a queued view when it has none yet. */
    private JsonNode view(Job job, JsonNode known) {
        ObjectNode view;
        if (known != null) {
            view = (ObjectNode) known.deepCopy();
            String reportKey = ownReportKey(known, job);
            if (reportKey != null) {
                view.put("report_url", "/api/jobs/" + job.id + "/report");
                String extension = reportKey.substring(reportKey.lastIndexOf('.') + 1);
                putDownloadLink(view, reportKey, downloadName(job, extension));
            }
            String fileKey = ownFileKey(known, job); // an API call's answer or a converted file
            if (fileKey != null) {
                putDownloadLink(view, fileKey, fileKey.substring(fileKey.lastIndexOf('/') + 1));
            }
            if ("completed".equals(known.path("status").asText())) {
                view.put("delivery_status", deliveryStatus(known));
            }
            view.set("charts", chartLinks(known, job));
        } else {
            view = json.createObjectNode().put("job_id", job.id.toString()).put("workflow_type", job.workflowType)
                    .put("status", "queued");
            view.set("created_at", json.valueToTree(job.createdAt));
        }
        if (job.fileName != null) {
            view.put("file_name", job.fileName);
        }
        return view;
    }

    /**
     * A report for download is ready as soon as the job completes; an email or webhook is pending until
     * notification-service reports on it, then retrying, delivered or failed.
     */
    private static String deliveryStatus(JsonNode known) {
        String reported = known.path("delivery_status").asText(null);
        if (reported == null) {
            return "download".equals(known.path("result").path("output").path("delivery").asText("download"))
                    ? "ready" : "pending";
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
