package io.autoflow.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.Intents;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.config.TierLimits;
import io.autoflow.gateway.idempotency.Idempotent;
import io.autoflow.gateway.service.JobIntake;
import io.autoflow.ingest.DocumentIntake;
import io.autoflow.ingest.StoredDocument;
import io.autoflow.ingest.UrlFetchConfig;
import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Accepts documents for analysis: {@code POST /api/analytics/document}. */
@Tag(name = "Document analysis",
        description = "Analyse a CSV, XLSX, DOCX or PDF document, uploaded or at a URL: statistics, charts and a "
                + "report.")
@Path("/api/analytics/document")
public class DocumentAnalyticsResource {

    /** The prefix of a reference to a document attached to a chat message. */
    public static final String ATTACHMENT = "upload:";

    private final CurrentUser user;
    private final TierLimits tiers;
    private final BlobStore blobs;
    private final JobIntake intake;
    private final ObjectMapper json;
    private final DocumentIntake documents;
    private final UrlFetchConfig urlFetch;

    public DocumentAnalyticsResource(CurrentUser user, TierLimits tiers, BlobStore blobs, JobIntake intake,
            ObjectMapper json, DocumentIntake documents, UrlFetchConfig urlFetch) {
        this.urlFetch = urlFetch;
        this.documents = documents;
        this.user = user;
        this.tiers = tiers;
        this.blobs = blobs;
        this.intake = intake;
        this.json = json;
    }

    /** The answer to an accepted job. */
    @Schema(name = "JobAccepted")
    public record Accepted(String jobId, String status, int estimatedTime) implements JobAccepted {

        /** 202 with the queued job's id and estimate, and where to follow it. */
        static Response response(UUID jobId, int estimatedTime) {
            return Response.accepted(new Accepted(jobId.toString(), "queued", estimatedTime))
                    .location(URI.create("/api/jobs/" + jobId)).build();
        }
    }

    /**
     * The JSON of a multipart request's part {@code request}, or null when there is none.
     *
     * @throws ApiException 400 {@code invalid_request} when it is not valid JSON of that type, 400
     *     {@code invalid_character} when a string in it holds a control character
     */
    static <T> T requestPart(ObjectMapper json, String part, Class<T> type) {
        if (part == null || part.isBlank()) {
            return null;
        }
        T options;
        try {
            options = json.readValue(part, type);
        } catch (JsonProcessingException e) {
            throw JsonBodyErrors.refusal(e, "request");
        }
        if (options == null) { // the JSON "null": leave the part out for the defaults
            throw ApiException.withParam(ErrorCode.INVALID_REQUEST, "The 'request' part must be an object",
                    "request");
        }
        return options;
    }

    /**
     * Multipart: the document in part {@code file} and, optionally, the options as JSON in part {@code request}.
     * The file is checked (real type, malware) before it is stored. Answers 202 with a job id that is queryable at
     * once.
     */
    @Operation(operationId = "analyseDocument",
            summary = "Analyse a CSV, XLSX, DOCX or PDF document, uploaded or at a URL")
    @APIResponse(responseCode = "202", description = "The job is queued: follow it at /api/jobs/{job_id}",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = DocumentAnalyticsResource.Accepted.class)))
    @APIResponse(responseCode = "504", description = "url_fetch_timeout: the document's URL did not answer in time")
    @POST
    @Idempotent
    @Parameter(ref = Idempotent.PARAMETER)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(@RestForm("file") FileUpload file, @RestForm("request") @Schema(
            description = "The analysis' options as JSON (AnalyticsRequest, without file)",
            contentMediaType = MediaType.APPLICATION_JSON, contentSchema = AnalyticsRequest.class) String request) {
        AnalyticsRequest options = parse(request);
        refuseMissing(file);
        if (options.url() != null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Send the document either as the part 'file' or by URL"
                    + " in a JSON body, not both");
        }
        validatedOutput(options);
        return receive(file).chain(received -> record(received.jobId(), received.document(), options));
    }

    /**
     * JSON: the seed's request, whose {@code file} (or {@code file_url}) is the document's http(s) URL. The platform
     * downloads it (public addresses only, within the tier's size and a deadline), then treats it as an upload.
     */
    @Operation(operationId = "analyseDocument",
            summary = "Analyse a CSV, XLSX, DOCX or PDF document, uploaded or at a URL")
    @APIResponse(responseCode = "202", description = "The job is queued: follow it at /api/jobs/{job_id}",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = DocumentAnalyticsResource.Accepted.class)))
    @APIResponse(responseCode = "504", description = "url_fetch_timeout: the document's URL did not answer in time")
    @POST
    @Idempotent
    @Parameter(ref = Idempotent.PARAMETER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submitUrl(AnalyticsRequest request) {
        AnalyticsRequest options = request == null ? new AnalyticsRequest(null, null, null, null) : request;
        String url = options.url();
        if (url == null) {
            throw new ApiException(ErrorCode.MISSING_FILE,
                    "Give the document's URL in 'file', or upload it as multipart");
        }
        validatedOutput(options);
        return receive(url).chain(received -> record(received.jobId(), received.document(), options));
    }

    /**
     * The analysis a schedule repeats: each run fetches the document at the URL afresh. The URL is fetched and
     * checked once now, so one that does not serve a document the platform can analyse is refused when the schedule
     * is set up rather than at its first run; that copy is not kept.
     *
     * @param owner the job that sets the schedule up
     */
    public Uni<AnalyzeDocument> repeatable(AnalyticsRequest options, UUID owner) {
        String url = options == null ? null : options.url();
        if (url == null) {
            throw new ApiException(ErrorCode.MISSING_FILE, "Give the web address of the document to analyse in 'file'");
        }
        AnalyticsRequest.Output output = validatedOutput(options);
        return documents.fetch(url, maxBytes(), documentKey(owner))
                .call(checked -> VertxContexts.blocking(() -> blobs.deleteAll("uploads/" + user.id() + "/" + owner
                        + "/")))
                .map(checked -> new AnalyzeDocument(null, null, null, null, checked.fileName(), null, 0,
                        options.analyses(), output.toEvent(), url));
    }

    /**
     * An analysis asked for in a conversation, of a document at a URL: the job is accepted now and the analytics
     * service fetches the document when it runs it, with the same checks (public addresses, the tier's size, the real
     * type, malware), so a site that is down fails that job with its reason rather than the conversation.
     */
    public Uni<Response> submitFetchedAtRun(AnalyticsRequest options) {
        AnalyzeDocument analysis = repeatableFetchedAtRun(options);
        UUID jobId = intake.newJobId();
        return intake.accept(jobId, Intents.DOCUMENT_ANALYTICS, analysis.fileName(), 0, analysis)
                .map(saved -> Accepted.response(jobId, estimateSeconds(0)));
    }

    /**
     * An analysis of the document at the request's URL, fetched by the worker when it runs: a conversation's, or what
     * a schedule set up in a conversation repeats. Nothing is fetched now.
     */
    public AnalyzeDocument repeatableFetchedAtRun(AnalyticsRequest options) {
        if (options == null || options.url() == null) {
            throw new ApiException(ErrorCode.MISSING_FILE, "Give the web address of the document to analyse in 'file'");
        }
        AnalyticsRequest.Output output = validatedOutput(options);
        DocumentAddress document = DocumentAddress.of(options.url(), urlFetch.allowLoopback());
        return new AnalyzeDocument(null, null, null, null, document.name(), null, 0, options.analyses(),
                output.toEvent(), document.url());
    }

    /** The part 'file' must be a file: a text field of that name is not a document. */
    private static void refuseMissing(FileUpload file) {
        if (file == null || file.uploadedFile() == null || file.fileName() == null) {
            throw ApiException.withParam(ErrorCode.MISSING_FILE, "Send the document in the multipart part 'file',"
                    + " as a file (with a filename)", "file");
        }
    }

    /** A document checked and stored for a job to come: the job's id and the document. */
    public record Received(UUID jobId, StoredDocument document) {
    }

    /** An uploaded document, within the tier's size, checked (real type, malware) and stored under a new job id. */
    public Uni<Received> receive(FileUpload file) {
        refuseMissing(file);
        refuseOverTier(file.size());
        UUID jobId = intake.newJobId();
        return VertxContexts.blocking(() -> documents.store(file.uploadedFile(), file.fileName(), file.size(),
                documentKey(jobId))).map(stored -> new Received(jobId, stored));
    }

    /**
     * A document given by URL: downloaded (public addresses only, within the tier's size and a deadline), then
     * checked and stored like an upload.
     */
    public Uni<Received> receive(String url) {
        UUID jobId = intake.newJobId();
        return documents.fetch(url, maxBytes(), documentKey(jobId)).map(stored -> new Received(jobId, stored));
    }

    /**
     * A document attached to a chat message: checked and stored now, under the job id it will run as, for the
     * conversation to start once it knows what to do with it. The answer is its reference, {@code upload:<id>}.
     */
    public Uni<String> attach(FileUpload file) {
        return receive(file).call(received -> VertxContexts.blocking(() -> blobs.put(metaKey(received.jobId()),
                        new java.io.ByteArrayInputStream(json.writeValueAsBytes(received.document())))))
                .map(received -> ATTACHMENT + received.jobId());
    }

    /** Starts the analysis of a document attached earlier by the same user; another user's reference is a 404. */
    public Uni<Response> submitAttached(String reference, AnalyticsRequest options) {
        validatedOutput(options);
        return attached(reference).chain(received -> record(received.jobId(), received.document(), options));
    }

    /** A document attached to a chat message earlier by the same user; another user's reference is a 404. */
    public Uni<Received> attached(String reference) {
        UUID jobId;
        try {
            jobId = UUID.fromString(reference.substring(ATTACHMENT.length()));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw attachmentNotFound();
        }
        return VertxContexts.blocking(() -> {
            try (InputStream in = blobs.open(metaKey(jobId)).orElseThrow(DocumentAnalyticsResource::attachmentNotFound)) {
                return new Received(jobId, json.readValue(in, StoredDocument.class));
            }
        });
    }

    private String metaKey(UUID jobId) {
        return "uploads/" + user.id() + "/" + jobId + "/meta.json";
    }

    private static ApiException attachmentNotFound() {
        return new ApiException(ErrorCode.ATTACHMENT_NOT_FOUND, "No such attached document");
    }

    private String documentKey(UUID jobId) {
        return "uploads/" + user.id() + "/" + jobId + "/document";
    }

    /** Records and publishes the job of a stored document. */
    private Uni<Response> record(UUID jobId, StoredDocument stored, AnalyticsRequest options) {
        AnalyticsRequest.Output output = validatedOutput(options);
        return intake.accept(jobId, Intents.DOCUMENT_ANALYTICS, stored.fileName(), stored.sizeBytes(),
                new AnalyzeDocument(null, null, null, stored.key(), stored.fileName(), stored.contentType(),
                        stored.sizeBytes(), options.analyses(), output.toEvent(), null))
                .map(saved -> Accepted.response(jobId, estimateSeconds(stored.sizeBytes())));
    }

    private void refuseOverTier(long size) {
        long maxBytes = maxBytes();
        if (size > maxBytes) {
            throw new ApiException(ErrorCode.FILE_TOO_LARGE, "The document is larger than your " + user.tier()
                    + " tier allows (" + maxBytes + " bytes)",
                    json.createObjectNode().put("max_bytes", maxBytes).put("size_bytes", size));
        }
    }

    private AnalyticsRequest.Output validatedOutput(AnalyticsRequest options) {
        return options.validatedOutput(user.email(), urlFetch.allowLoopback());
    }

    private long maxBytes() {
        return tiers.of(user.tier()).maxFileBytes();
    }

    private AnalyticsRequest parse(String request) {
        AnalyticsRequest options = requestPart(json, request, AnalyticsRequest.class);
        return options == null ? new AnalyticsRequest(null, null, null, null) : options;
    }


    /** A first estimate: a couple of seconds, plus one per 5 MB. */
    private static int estimateSeconds(long bytes) {
        return 2 + (int) (bytes / (5L * 1024 * 1024));
    }
}
