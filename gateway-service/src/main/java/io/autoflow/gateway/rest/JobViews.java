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
import io.autoflow.gateway.domain.Job;
import io.autoflow.service.files.FileNames;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What a caller sees of a job ({@link JobView}): the orchestrator's record with the gateway's own facts added, links
 * instead of storage keys, and where its delivery stands. A storage key comes from a worker's result, so it is linked
 * only inside the job's own prefix.
 */
@ApplicationScoped
public class JobViews {

    private static final Logger LOG = Logger.getLogger(JobViews.class);

    static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    /** The report formats served, by the file extension of the stored report. */
    private static final Map<String, String> REPORT_TYPES = Map.of("pdf", "application/pdf", "pptx", PPTX,
            "xlsx", DocumentTypes.XLSX);

    private final BlobStore blobs;
    private final SignedLinks links;
    private final Duration linkValidity;

    public JobViews(BlobStore blobs, SignedLinks links,
            @ConfigProperty(name = "autoflow.links.download-validity") Duration linkValidity) {
        this.blobs = blobs;
        this.links = links;
        this.linkValidity = linkValidity;
    }

    /** A stored report: its blob key, media type and the file name it is downloaded as. */
    record ReportFile(String key, String mediaType, String fileName) {
    }

    /**
     * The result as its workflow's record. One that does not read (a worker's bug) is logged and left out rather than
     * failing the whole job's view.
     */
    static JobResult result(ExecutionView known) {
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
     * The job's view with its full result: an analysis keeps every table's statistics, the text's and every alert in
     * the blob store with its report (the orchestrator, like every event, holds a bounded summary naming it). Without
     * it (erased meanwhile), the summary is what there is.
     */
    Uni<JobView> withDetail(Job job, ExecutionView known) {
        JobResult summary = result(known);
        String key = summary instanceof AnalysisResult analysis ? ownKey(analysis.detail(), reports(job)) : null;
        if (key == null) {
            return Uni.createFrom().item(view(job, known, summary));
        }
        return Uni.createFrom().item(() -> {
            try (InputStream in = blobs.open(key).orElse(null)) {
                return view(job, known, in == null ? summary : EventJson.mapper().readValue(in, AnalysisResult.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The view with the result as the orchestrator keeps it (a bounded summary), as a list shows it. */
    JobView summary(Job job, ExecutionView known) {
        return view(job, known, result(known));
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
     * The job's report to download, from its own prefix.
     *
     * @throws ApiException {@code report_not_available} when the job has none (yet)
     */
    ReportFile report(Job job, ExecutionView known) {
        String key = ownReportKey(result(known), job);
        String extension = key == null ? null : key.substring(key.lastIndexOf('.') + 1);
        String mediaType = extension == null ? null : REPORT_TYPES.get(extension);
        if (mediaType == null) {
            throw new ApiException(ErrorCode.REPORT_NOT_AVAILABLE, "This job has no report (yet)");
        }
        return new ReportFile(key, mediaType, downloadName(job, extension));
    }

    /**
     * A job the gateway did not accept (the orchestrator made it: a workflow step's), as the gateway's own record
     * would have it, for its view and links: kept nowhere. Its files are under its own id's prefix, as any job's.
     */
    static Job orchestrated(UUID jobId, UUID owner, ExecutionView known) {
        Job job = new Job();
        job.id = jobId;
        job.userId = owner;
        job.workflowType = known.workflowType();
        job.createdAt = known.createdAt();
        return job;
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
}
