package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.Intents;
import io.autoflow.events.TransformData;
import io.autoflow.events.data.DataOperation;
import io.autoflow.expressions.DataOperationCheck;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.idempotency.Idempotent;
import io.autoflow.gateway.service.JobIntake;
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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Data transforms: {@code POST /api/transforms} converts a CSV or XLSX document's data to CSV, JSON or XLSX, after
 * the request's data operations (filter, group, sort, …) if any. The
 * document comes as an upload (checked and stored like one for analysis) or by URL, fetched during the request; the
 * converted file is handed over like a report (download, email or webhook). A conversion asked for in a conversation
 * or repeated by a schedule has its URL fetched by the transform service when the job runs instead.
 */
@Tag(name = "Data transforms", description = "Convert a CSV or XLSX document's data to CSV, JSON or XLSX.")
@Path("/api/transforms")
public class TransformResource {

    private final CurrentUser user;
    private final DocumentAnalyticsResource documents;
    private final JobIntake intake;
    private final UrlFetchConfig urlFetch;
    private final ObjectMapper json;
    private final BlobStore blobs;

    public TransformResource(CurrentUser user, DocumentAnalyticsResource documents, JobIntake intake,
            UrlFetchConfig urlFetch, ObjectMapper json, BlobStore blobs) {
        this.blobs = blobs;
        this.user = user;
        this.documents = documents;
        this.intake = intake;
        this.urlFetch = urlFetch;
        this.json = json;
    }

    /** What to convert to, and how to hand it over; {@code file} is the document's URL when it is not uploaded. */
    @Schema(name = "TransformRequest", requiredProperties = "target_format")
    public record TransformRequest(
            @Schema(description = "The document's http(s) URL, for a JSON request") String file,
            @Schema(enumeration = {"csv", "json", "xlsx"}) String targetFormat,
            AnalyticsRequest.Output output,
            @Schema(description = "Data operations applied in order to each table before it is written (select,"
                    + " rename, filter, derive, cast, sort, deduplicate, group_by, pivot, unpivot, limit); filter and"
                    + " derive take JSONata over the row. Checked now: a malformed one is refused with"
                    + " invalid_operation or invalid_expression, details.operation (from 0) and details.field",
                    maxItems = DataOperationCheck.MAX_OPERATIONS) List<DataOperation> operations) {
    }

    /** Multipart: the document in part {@code file}, the {@link TransformRequest} as JSON in part {@code request}. */
    @Operation(operationId = "transformData", summary = "Convert a CSV or XLSX document's data to CSV, JSON or XLSX")
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
            description = "What to convert to, and how to hand it over, as JSON (TransformRequest, without file)",
            contentMediaType = MediaType.APPLICATION_JSON, contentSchema = TransformRequest.class) String request) {
        TransformRequest options = DocumentAnalyticsResource.requestPart(json, request,
                TransformRequest.class);
        String target = target(options);
        List<DataOperation> operations = operations(options);
        AnalyticsRequest.Output output = delivery(options);
        return documents.receive(file).chain(received -> accept(received, target, operations, output));
    }

    /** JSON: the document's URL in {@code file}; the platform downloads it like a document for analysis. */
    @Operation(operationId = "transformData", summary = "Convert a CSV or XLSX document's data to CSV, JSON or XLSX")
    @APIResponse(responseCode = "202", description = "The job is queued: follow it at /api/jobs/{job_id}",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = DocumentAnalyticsResource.Accepted.class)))
    @APIResponse(responseCode = "504", description = "url_fetch_timeout: the document's URL did not answer in time")
    @POST
    @Idempotent
    @Parameter(ref = Idempotent.PARAMETER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submitUrl(TransformRequest options) {
        if (options == null || options.file() == null || options.file().isBlank()) {
            throw new ApiException(ErrorCode.MISSING_FILE, "Give the document's URL in 'file', or upload it as multipart");
        }
        String target = target(options);
        List<DataOperation> operations = operations(options);
        AnalyticsRequest.Output output = delivery(options);
        return documents.receive(options.file().trim())
                .chain(received -> accept(received, target, operations, output));
    }

    /** Converts a document attached to a chat message earlier by the same user. */
    public Uni<Response> submitAttached(String reference, TransformRequest options) {
        String target = target(options);
        List<DataOperation> operations = operations(options);
        AnalyticsRequest.Output output = delivery(options);
        return documents.attached(reference).chain(received -> accept(received, target, operations, output));
    }

    /**
     * A conversion asked for in a conversation, of a document at a URL: the job is accepted now and the transform
     * service fetches the document when it runs it, with the same checks (public addresses, the tier's size, the real
     * type, malware), so a site that is down fails that job with its reason rather than the conversation.
     */
    public Uni<Response> submitFetchedAtRun(TransformRequest options) {
        TransformData conversion = repeatableFetchedAtRun(options);
        UUID jobId = intake.newJobId();
        return intake.accept(jobId, Intents.DATA_TRANSFORM, conversion.fileName(), 0, conversion)
                .map(job -> DocumentAnalyticsResource.Accepted.response(jobId, 2));
    }

    /**
     * A conversion of the document at the request's URL ({@code file}), fetched by the transform service when it
     * runs: a conversation's, or what a schedule repeats, each run converting the document as it is then. Nothing is
     * fetched now.
     */
    public TransformData repeatableFetchedAtRun(TransformRequest options) {
        if (options == null || options.file() == null || options.file().isBlank()) {
            throw new ApiException(ErrorCode.MISSING_FILE, "Give the web address of the document to convert in 'file'");
        }
        DocumentAddress document = DocumentAddress.of(options.file(), urlFetch.allowLoopback());
        String target = target(options);
        List<DataOperation> operations = operations(options);
        AnalyticsRequest.Output output = delivery(options);
        return new TransformData(null, null, null, document.name(), null, null, 0, target, output.toEvent(),
                document.url(), operations, null);
    }

    private Uni<Response> accept(DocumentAnalyticsResource.Received received, String target,
            List<DataOperation> operations, AnalyticsRequest.Output output) {
        StoredDocument document = received.document();
        if (!TransformData.SOURCE_TYPES.contains(document.contentType())) {
            // Checked once stored, where its real type is known: what will not be converted is not kept.
            String folder = document.key().substring(0, document.key().lastIndexOf('/') + 1);
            return VertxContexts.blocking(() -> blobs.deleteAll(folder)).chain(() -> Uni.createFrom().failure(
                    new ApiException(ErrorCode.UNSUPPORTED_FILE_TYPE, "Data can be converted from CSV and XLSX"
                            + " documents; " + document.fileName() + " is not one")));
        }
        TransformData parameters = new TransformData(null, null, null, document.fileName(), document.key(),
                document.contentType(), document.sizeBytes(), target, output.toEvent(), null, operations,
                null);
        return intake.accept(received.jobId(), Intents.DATA_TRANSFORM, document.fileName(), document.sizeBytes(),
                parameters).map(job -> DocumentAnalyticsResource.Accepted.response(received.jobId(), 2));
    }

    private static String target(TransformRequest options) {
        String target = options == null || options.targetFormat() == null ? ""
                : options.targetFormat().trim().toLowerCase(Locale.ROOT);
        if (!TransformData.TARGET_FORMATS.contains(target)) {
            throw new ApiException(ErrorCode.INVALID_TARGET_FORMAT, "target_format must be csv, json or xlsx");
        }
        return target;
    }

    /** The request's operations, checked before anything is stored or queued (a conversion has no other input). */
    private static List<DataOperation> operations(TransformRequest options) {
        List<DataOperation> operations = options == null || options.operations() == null ? List.of()
                : options.operations();
        DataOperationCheck.check(operations, Set.of());
        return operations;
    }

    private AnalyticsRequest.Output delivery(TransformRequest options) {
        return AnalyticsRequest.validatedDelivery(options == null ? null : options.output(), user.email(),
                urlFetch.allowLoopback());
    }
}
