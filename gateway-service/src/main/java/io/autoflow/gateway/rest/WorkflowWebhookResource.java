package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.result.StoredFile;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.events.workflow.WorkflowHook;
import io.autoflow.events.workflow.WorkflowTrigger;
import io.autoflow.gateway.auth.WorkflowOwners;
import io.autoflow.gateway.client.Refused;
import io.autoflow.gateway.client.WorkflowHookApi;
import io.autoflow.gateway.config.TierLimits;
import io.autoflow.gateway.domain.User;
import io.autoflow.gateway.ingest.UploadSizeFilter;
import io.autoflow.gateway.limits.RequestQuota;
import io.autoflow.gateway.service.Jobs;
import io.autoflow.gateway.usage.UsageMeter;
import io.autoflow.gateway.webhook.WebhookBody;
import io.autoflow.gateway.webhook.WebhookFiles;
import io.autoflow.gateway.webhook.WebhookSignature;
import io.autoflow.ingest.DocumentInspector;
import io.autoflow.ingest.UrlDownloader;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * A workflow's webhook trigger (issue 18): {@code POST /hooks/{token}} starts a run of the workflow whose secret URL
 * it is, as its owner, with what was posted as the run's payload. No credential of a user: the URL is the credential,
 * and a workflow with {@code verify_signature} also wants a Standard Webhooks signature made with its secret
 * ({@link WebhookSignature}). The sender learns nothing of the owner: a token no workflow has is 404, whatever else
 * is true. A JSON body is the run's {@code payload} (as a run now takes it, {@link RunPayloads}); any other body is a
 * file (CSV, XLSX, DOCX or PDF, checked as an upload is and within the owner's tier), kept as the run's payload file
 * for a step's {@code input: "trigger"}. A sender's retry of one message (the same {@code webhook-id}) is the same job,
 * so it never starts a second run. Each request counts against the owner's requests per day.
 *
 * <p>The body streams to a temporary file (a file may be hundreds of MB) while the signature is computed over it, so
 * the method runs on a worker thread; its reactive steps run on the request's Vert.x context ({@link OnVertxContext}).
 */
@Tag(name = "Workflows")
@Path("/hooks")
public class WorkflowWebhookResource {

    /** A webhook's token as the orchestrator makes it: 32 random bytes in base64url, without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final WorkflowHookApi hooks;
    private final WorkflowOwners owners;
    private final RequestQuota quota;
    private final UsageMeter usage;
    private final TierLimits tiers;
    private final Jobs jobs;
    private final WorkflowRunIntake runs;
    private final DocumentInspector inspector;
    private final BlobStore blobs;
    private final ObjectMapper json;

    public WorkflowWebhookResource(@RestClient WorkflowHookApi hooks, WorkflowOwners owners, RequestQuota quota,
            UsageMeter usage, TierLimits tiers, Jobs jobs, WorkflowRunIntake runs, DocumentInspector inspector,
            BlobStore blobs, ObjectMapper json) {
        this.hooks = hooks;
        this.owners = owners;
        this.quota = quota;
        this.usage = usage;
        this.tiers = tiers;
        this.jobs = jobs;
        this.runs = runs;
        this.inspector = inspector;
        this.blobs = blobs;
        this.json = json;
    }

    @Operation(operationId = "triggerWorkflowWebhook", summary = "Start a workflow's run from its webhook",
            description = "The URL a workflow with a webhook trigger shows as webhook.url: POST to it from any system"
                    + " to start a run, with no API key (the URL is the credential: keep it secret). When the trigger"
                    + " has verify_signature, the request must be signed as Standard Webhooks signs it: webhook-id,"
                    + " webhook-timestamp (unix seconds, within 5 minutes of now) and webhook-signature ('v1,' and the"
                    + " base64 HMAC-SHA256 of '{webhook-id}.{webhook-timestamp}.{body}' keyed with the base64-decoded"
                    + " part of webhook.secret after 'whsec_'; several space-separated signatures may be sent). The"
                    + " body is the run's payload: JSON (at most 262,144 bytes as compact JSON) is trigger.payload to"
                    + " the steps; any other type is a file (CSV, XLSX, DOCX or PDF, checked and within the owner's"
                    + " tier), which a step reads with input \"trigger\"; no body is a run without payload. The same"
                    + " webhook-id sent again (a retry) starts no second run: the answer names the run it started."
                    + " The run is the workflow's owner's, counted against the owner's requests per day; the answer"
                    + " tells the sender only its job id.")
    @RequestBody(required = false, description = "The run's payload: any JSON value, or a file",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JsonNode.class)),
                @Content(mediaType = MediaType.WILDCARD,
                        schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "202", description = "The run is queued (the owner follows it at /api/jobs/{job_id})",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentAnalyticsResource.Accepted.class)))
    @APIResponse(responseCode = "400", description = "invalid_request: a JSON body that is not JSON;"
            + " invalid_character: a string or name in it holds a control character (details.field)")
    @APIResponse(responseCode = "401", description = "invalid_signature: the workflow checks signatures, and this"
            + " request's is missing, stale (webhook-timestamp more than 5 minutes from now) or wrong")
    @APIResponse(responseCode = "404", description = "webhook_not_found: no workflow has this URL (any more)")
    @APIResponse(responseCode = "409", description = "workflow_disabled: the workflow is disabled; its webhook starts"
            + " no run until it is enabled again")
    @APIResponse(responseCode = "413", description = "body_too_large: JSON larger than 262,144 bytes as compact JSON,"
            + " or than 2 MiB as sent (details.max_bytes); file_too_large: a file larger than the owner's tier allows")
    @APIResponse(responseCode = "415", description = "unsupported_file_type: a file that is not CSV, XLSX, DOCX or"
            + " PDF; file_type_mismatch: its content is not the Content-Type it was sent as")
    @APIResponse(responseCode = "422", description = "malware_detected: the file holds malware")
    @APIResponse(responseCode = "429", description = "rate_limited: the owner's requests per day are used up (see"
            + " Retry-After)")
    @APIResponse(responseCode = "503", description = "workflows_unavailable: the webhook cannot be looked up right"
            + " now; service_unavailable: runs cannot be handled right now (see Retry-After)")
    @POST
    @Path("/{token}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response trigger(@RestPath String token,
            @Parameter(description = "Standard Webhooks: the message's id, the same on each retry of it")
            @RestHeader(WebhookSignature.ID) String webhookId,
            @Parameter(description = "Standard Webhooks: when the message was signed, in unix seconds")
            @RestHeader(WebhookSignature.TIMESTAMP) String timestamp,
            @Parameter(description = "Standard Webhooks: 'v1,<base64 HMAC-SHA256>', space-separated if several")
            @RestHeader(WebhookSignature.SIGNATURE) String signature,
            @Context HttpHeaders headers, @Context HttpServerRequest http, InputStream body) throws IOException {
        MediaType type = headers.getMediaType();
        boolean isJson = isJson(type);
        long declared = UrlDownloader.contentLength(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (isJson && declared > UploadSizeFilter.MAX_JSON_BODY_BYTES) {
            throw tooLarge(true, UploadSizeFilter.MAX_JSON_BODY_BYTES); // every webhook's bound: nothing to look up
        }
        WorkflowHook hook = hook(token);
        if (!hook.enabled()) {
            throw new ApiException(ErrorCode.WORKFLOW_DISABLED, "This workflow is disabled: its webhook starts no run"
                    + " until it is enabled again");
        }
        WebhookSignature check = hook.verifySignature()
                ? WebhookSignature.begin(hook.secret(), webhookId, timestamp, signature, Instant.now()) : null;
        User owner = OnVertxContext.await(() -> owners.actAs(hook.userId()));
        if (owner == null) {
            throw notFound();
        }
        long maxBytes = isJson ? UploadSizeFilter.MAX_JSON_BODY_BYTES : tiers.of(owner.tier).maxFileBytes();
        Supplier<ApiException> tooLarge = () -> tooLarge(isJson, maxBytes);
        if (declared > maxBytes) {
            throw tooLarge.get(); // a file past the owner's tier, refused before it is read
        }
        try (WebhookBody received = WebhookBody.read(body, maxBytes, check, tooLarge)) {
            if (check != null) {
                check.verify();
            }
            Response limited = OnVertxContext.await(() -> counted(owner));
            if (limited != null) {
                return limited;
            }
            boolean identified = webhookId != null && !webhookId.isBlank();
            UUID jobId = identified ? deliveryJobId(token, webhookId) : runs.newJobId();
            if (identified && OnVertxContext.await(() -> jobs.find(jobId, owner.id)) != null) {
                return WorkflowRunIntake.accepted(jobId, hook.steps()); // this message again: its run is started
            }
            RunWorkflow run = new RunWorkflow(hook.workflowId(), hook.revision(), hook.name(),
                    WorkflowTrigger.WEBHOOK, null, owner.email, null, null);
            if (received.size() > 0) {
                run = isJson ? run.withPayload(payload(received), null)
                        : run.withPayload(null, storedFile(received, type, jobId));
            }
            RunWorkflow started = run;
            return OnVertxContext.await(() -> runs.accept(jobId, started, hook.steps(), http));
        }
    }

    /**
     * The job a message starts: one per webhook and message, so a sender's retry of it (the same {@code webhook-id})
     * finds the run its first delivery started.
     */
    static UUID deliveryJobId(String token, String webhookId) {
        return UUID.nameUUIDFromBytes(("hook:" + token + ":" + webhookId).getBytes(StandardCharsets.UTF_8));
    }

    /** The webhook a token names; a token no workflow has, or could have, is 404 without saying more. */
    private WorkflowHook hook(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw notFound();
        }
        return OnVertxContext.await(() -> hooks.hook(token).onFailure().transform(failure -> {
            if (failure instanceof Refused refused
                    && ErrorCode.WORKFLOW_NOT_FOUND.code().equals(refused.error().code())) {
                return notFound();
            }
            return new ApiException(ErrorCode.WORKFLOWS_UNAVAILABLE, "Webhooks cannot be handled right now; try"
                    + " again");
        }));
    }

    /**
     * The request counted as the owner's, as signing in counts one: in their usage, and against their tier's requests
     * per day.
     *
     * @return the 429 once those are used up, else null
     */
    private Uni<Response> counted(User owner) {
        return usage.request(owner.id).chain(() -> quota.count(owner.id, owner.tier)).map(decision ->
                decision == null || decision.allowed() ? null : RequestQuota.refusal(decision, "The workflow's owner"
                        + " has used up today's requests; the count starts again at midnight UTC").build());
    }

    private JsonNode payload(WebhookBody received) throws IOException {
        try (InputStream in = received.open()) {
            return RunPayloads.read(json, in);
        }
    }

    /** A file checked as an upload is (its real type, malware), then kept as the run's payload file. */
    private StoredFile storedFile(WebhookBody received, MediaType type, UUID jobId) throws IOException {
        String documentType = inspector.inspect(received.file(), WebhookFiles.checkedName(type));
        String key = runs.payloadKey(jobId, WebhookFiles.extension(documentType));
        try (InputStream in = received.open()) {
            blobs.put(key, in);
        }
        return new StoredFile(key, documentType, received.size());
    }

    private static boolean isJson(MediaType type) {
        return type != null && "application".equals(type.getType())
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    private static ApiException tooLarge(boolean isJson, long maxBytes) {
        var details = JsonNodeFactory.instance.objectNode().put("max_bytes", maxBytes);
        return isJson
                ? new ApiException(ErrorCode.BODY_TOO_LARGE, "A webhook's JSON body holds at most " + maxBytes
                        + " bytes", details)
                : new ApiException(ErrorCode.FILE_TOO_LARGE, "The file is larger than this workflow's owner may"
                        + " send (" + maxBytes + " bytes)", details);
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.WEBHOOK_NOT_FOUND, "No webhook at this address");
    }
}
