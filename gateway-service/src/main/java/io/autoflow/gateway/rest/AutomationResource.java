package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AutomationRequest;
import io.autoflow.events.EventJson;
import io.autoflow.events.Intents;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.credentials.CredentialView;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.idempotency.Idempotent;
import io.autoflow.gateway.service.JobIntake;
import io.autoflow.ingest.UrlFetchConfig;
import io.autoflow.outbound.ConnectionHeaders;
import io.autoflow.outbound.OutboundUrls;
import io.autoflow.outbound.UrlNotAllowedException;
import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * API automations: {@code POST /api/automations} calls the user's API once and hands its answer over (download,
 * email or webhook). The URL obeys the platform's SSRF rules; headers and body, which may carry credentials, are
 * kept in the encrypted blob store and never in events or rows. Answers 202 with a job id, like a document.
 */
@Tag(name = "API calls",
        description = "Call an http(s) API once and hand its answer over by download, email or webhook (to repeat "
                + "it, see Schedules).")
@Path("/api/automations")
public class AutomationResource {

    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    private static final int MAX_HEADERS = 50;
    private static final int MAX_HEADER_CHARS = 8192;
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Pattern CREDENTIAL_NAME = Pattern.compile(CredentialView.NAME_PATTERN);

    private final CurrentUser user;
    private final BlobStore blobs;
    private final JobIntake intake;
    private final UrlFetchConfig urlFetch;
    private final ObjectMapper json;

    public AutomationResource(CurrentUser user, BlobStore blobs, JobIntake intake, UrlFetchConfig urlFetch,
            ObjectMapper json) {
        this.user = user;
        this.blobs = blobs;
        this.intake = intake;
        this.urlFetch = urlFetch;
        this.json = json;
    }

    /** An API call to make. */
    @Schema(name = "AutomationCall", requiredProperties = "url")
    public record AutomationCall(
            @Schema(description = "The API's http(s) URL; private-network addresses are refused") String url,
            @Schema(enumeration = {"GET", "POST", "PUT", "PATCH", "DELETE"}, defaultValue = "GET") String method,
            @Schema(description = "Headers to send, e.g. Authorization; kept encrypted") Map<String, String> headers,
            @Schema(description = "JSON to send, or a string sent as text (not with GET)") JsonNode body,
            @Schema(description = "How the answer is handed over: delivery download (default), email or webhook")
            AnalyticsRequest.Output output,
            @Schema(description = "The name of one of your stored credentials (POST /api/credentials), sent with"
                    + " the call as it says (bearer token, header, basic authentication or query parameter); its"
                    + " secret is read when the call runs and appears in no result", maxLength = 64,
                    pattern = CredentialView.NAME_PATTERN) String credential) {

        /** A call without a stored credential (as a conversation asks for one). */
        public AutomationCall(String url, String method, Map<String, String> headers, JsonNode body,
                AnalyticsRequest.Output output) {
            this(url, method, headers, body, output, null);
        }
    }

    @Operation(operationId = "callApi", summary = "Call an API once and hand its answer over",
            description = "Calls an http(s) API once (never a private-network address) with the method, headers and "
                    + "body given, and hands its answer over as asked: download (default), email or webhook. "
                    + "Headers and body are kept encrypted. The job's result has the status code, content type, "
                    + "size, duration, attempts, a text preview and the answer as a file.")
    @APIResponse(responseCode = "202", description = "The job is queued: follow it at /api/jobs/{job_id}",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = DocumentAnalyticsResource.Accepted.class)))
    @POST
    @Idempotent
    @Parameter(ref = Idempotent.PARAMETER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(AutomationCall call) {
        UUID jobId = intake.newJobId();
        return prepare(call, jobId)
                .chain(parameters -> intake.accept(jobId, Intents.API_AUTOMATION, parameters.name(), 0, parameters))
                .map(job -> DocumentAnalyticsResource.Accepted.response(jobId, 2));
    }

    /**
     * Checks a call and keeps its headers and body under {@code owner} (the job or schedule it belongs to); the
     * answer is the parameters its runs are made with.
     */
    public Uni<RunAutomation> prepare(AutomationCall call, UUID owner) {
        if (call == null || call.url() == null || call.url().isBlank()) {
            throw new ApiException(ErrorCode.MISSING_URL, "Give the API's URL in 'url'");
        }
        String url = call.url().trim();
        URI uri;
        try {
            uri = OutboundUrls.parse(url);
            OutboundUrls.refuseNonPublicLiteral(uri, urlFetch.allowLoopback());
        } catch (UrlNotAllowedException e) {
            throw new ApiException(ErrorCode.URL_NOT_ALLOWED, "The API's URL cannot be called: " + e.getMessage());
        }
        String method = call.method() == null ? "GET" : call.method().trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new ApiException(ErrorCode.INVALID_METHOD, "method must be one of GET, POST, PUT, PATCH, DELETE");
        }
        checkHeaders(call.headers());
        if (call.credential() != null && !CREDENTIAL_NAME.matcher(call.credential()).matches()) {
            throw ApiException.withParam(ErrorCode.INVALID_CREDENTIAL_NAME, "'credential' names a stored credential:"
                    + " 1 to 64 letters, digits, '-', '_' or '.'", "credential");
        }
        byte[] body = checkBody(method, call.body());
        AnalyticsRequest.Output output = AnalyticsRequest.validatedDelivery(call.output(), user.email(),
                urlFetch.allowLoopback());
        boolean hasParts = (call.headers() != null && !call.headers().isEmpty()) || body != null
                || call.credential() != null;
        String requestKey = hasParts ? "automations/" + user.id() + "/" + owner + "/request.json" : null;
        RunAutomation parameters = new RunAutomation(null, null, null, name(method, uri), method, url, requestKey,
                output.toEvent());
        if (!hasParts) {
            return Uni.createFrom().item(parameters);
        }
        return VertxContexts.blocking(() -> {
            blobs.put(requestKey, new ByteArrayInputStream(EventJson.mapper().writeValueAsBytes(
                    new AutomationRequest(call.headers(), call.body(), call.credential()))));
            return parameters;
        });
    }

    private static void checkHeaders(Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        if (headers.size() > MAX_HEADERS) {
            throw new ApiException(ErrorCode.INVALID_HEADER, "At most " + MAX_HEADERS + " headers");
        }
        headers.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new ApiException(ErrorCode.INVALID_HEADER, "'" + name + "' is not a valid header name");
            }
            if (ConnectionHeaders.isConnectionHeader(name)) {
                throw new ApiException(ErrorCode.INVALID_HEADER, "The header " + name + " is set by the platform");
            }
            if (value == null || value.length() > MAX_HEADER_CHARS || value.indexOf('\r') >= 0
                    || value.indexOf('\n') >= 0) {
                throw new ApiException(ErrorCode.INVALID_HEADER, "The value of " + name + " is missing, too long or"
                        + " spans lines");
            }
        });
    }

    private byte[] checkBody(String method, JsonNode body) {
        if (body == null || body.isNull()) {
            return null;
        }
        if (method.equals("GET")) {
            throw ApiException.withParam(ErrorCode.INVALID_REQUEST, "A GET call has no body; use POST, PUT or PATCH",
                    "body");
        }
        byte[] bytes = (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiException(ErrorCode.BODY_TOO_LARGE, "The body to send is larger than " + MAX_BODY_BYTES
                    + " bytes", json.createObjectNode().put("max_bytes", MAX_BODY_BYTES));
        }
        return bytes;
    }

    /** What the user will recognise the call by: method, host and path, e.g. {@code GET api.example.com/rates}. */
    static String name(String method, URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String name = method + " " + uri.getHost() + path;
        return name.length() <= 200 ? name : name.substring(0, 199) + "…";
    }
}
