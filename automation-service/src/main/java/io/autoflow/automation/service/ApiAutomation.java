package io.autoflow.automation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoflow.automation.http.ApiAnswer;
import io.autoflow.automation.http.ApiCaller;
import io.autoflow.automation.http.CallFailure;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.AutomationRequest;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ResultSummary;
import io.autoflow.events.RunAutomation;
import io.autoflow.events.Topics;
import io.autoflow.events.result.ApiCallResult;
import io.autoflow.events.result.Narrative;
import io.autoflow.events.result.StoredFile;
import io.autoflow.service.failure.TransientRetry;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * Runs one API automation: reads the call's headers and body, calls the API (again, with growing waits, when the
 * answer is worth another try, trying again cannot repeat a change, and the call's total time allows it), keeps the
 * answer in the blob store and says what came back. Reading and storing ride out the blob store briefly away; the
 * call is not repeated for it. Blocking: run it on a worker thread.
 */
@ApplicationScoped
public class ApiAutomation {

    private static final Logger LOG = Logger.getLogger(ApiAutomation.class);
    /** Methods that change nothing, or the same thing when repeated (RFC 9110 §9.2.2): safe to send again. */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
    private static final int PREVIEW_CHARS = 2000;
    /** Less time than this is not worth another attempt. */
    private static final Duration SHORTEST_ATTEMPT = Duration.ofMillis(250);

    private final ApiCaller caller;
    private final BlobStore blobs;
    private final AutomationConfig config;
    private final TransientRetry retry;
    private final Credentials credentials;

    public ApiAutomation(ApiCaller caller, BlobStore blobs, AutomationConfig config, TransientRetry retry,
            Credentials credentials) {
        this.caller = caller;
        this.blobs = blobs;
        this.config = config;
        this.retry = retry;
        this.credentials = credentials;
    }

    public RunOutcome run(RunAutomation request) {
        String method = request.method() == null ? "GET" : request.method().toUpperCase(Locale.ROOT);
        AutomationRequest parts;
        try {
            parts = throughStoreFaults("Reading the request of job " + request.executionId(),
                    () -> readParts(request));
        } catch (IOException e) {
            return RunOutcome.failure(ErrorInfo.of("request_unreadable", "The call's headers and body could not be"
                    + " read: " + e.getMessage()));
        }
        AppliedCredential applied;
        try {
            applied = applied(request, parts);
        } catch (CredentialRefused e) {
            return RunOutcome.failure(ErrorInfo.of("credential_not_found", "The call names the credential '"
                    + parts.credential() + "', which you do not have (any more): store it with POST"
                    + " /api/credentials"));
        } catch (UnreadableCredentialException e) {
            LOG.errorf("Job %s: credential '%s': %s", request.executionId(), parts.credential(), e.getMessage());
            return RunOutcome.failure(ErrorInfo.of("credential_unreadable", "The stored credential '"
                    + parts.credential() + "' cannot be opened: give it a new secret (PUT /api/credentials/"
                    + parts.credential() + ")"));
        }
        byte[] body = bodyBytes(parts.body());
        String bodyType = parts.body() == null ? null
                : parts.body().isTextual() ? "text/plain; charset=utf-8" : "application/json";
        long deadline = System.nanoTime() + config.totalTime().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                ApiAnswer answer = caller.call(method, applied.url(), applied.headers(), body, bodyType,
                        attemptTime(deadline));
                LOG.infof("Job %s attempt %d: %s %s answered %d in %d ms", request.executionId(), attempt, method,
                        request.name(), answer.status(), answer.durationMs());
                if (!anotherAttempt(attempt, worthRetrying(answer.status(), method), deadline)) {
                    return answered(request, method, answer, attempt, applied);
                }
            } catch (CallFailure failure) {
                String why = applied.scrub(failure.getMessage());
                LOG.infof("Job %s attempt %d: %s", request.executionId(), attempt, why);
                boolean worthIt = failure.isRetryable()
                        && (!failure.mayHaveReachedTheApi() || IDEMPOTENT.contains(method));
                if (!anotherAttempt(attempt, worthIt, deadline)) {
                    return RunOutcome.failure(new ErrorInfo(failure.code(), why,
                            EventJson.mapper().createObjectNode().put("attempts", attempt)));
                }
            }
        }
    }

    /**
     * Whether to make another attempt after this one: when it is worth it, allowed, and has time left after the
     * wait (the first retry's, doubling each time), which it then waits.
     */
    private boolean anotherAttempt(int attempt, boolean worthIt, long deadline) {
        Duration wait = config.firstRetry().multipliedBy(1L << (attempt - 1));
        if (!worthIt || attempt >= config.attempts()
                || deadline - System.nanoTime() - wait.toNanos() < SHORTEST_ATTEMPT.toNanos()) {
            return false;
        }
        sleep(wait);
        return true;
    }

    /** An attempt has its own time, cut short so that the call as a whole ends by its deadline. */
    private Duration attemptTime(long deadline) {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        return left.compareTo(config.timeout()) < 0 ? left : config.timeout();
    }

    /** 429 and 503 say the request was not acted on; other 5xx and 408 only for a call that is safe to repeat. */
    private static boolean worthRetrying(int status, String method) {
        if (status == 429 || status == 503) {
            return true;
        }
        return (status == 408 || status / 100 == 5) && IDEMPOTENT.contains(method);
    }

    private RunOutcome answered(RunAutomation request, String method, ApiAnswer answer, int attempts,
            AppliedCredential applied) {
        ObjectNode details = EventJson.mapper().createObjectNode()
                .put("status_code", answer.status())
                .put("attempts", attempts);
        if (answer.status() / 100 == 3) {
            return RunOutcome.failure(new ErrorInfo("api_redirected", applied.scrub("The API answered "
                    + answer.status() + " and points elsewhere" + location(answer) + "; call that URL instead"
                    + " (redirects are not followed)"), details));
        }
        if (!answer.isSuccess()) {
            details.put("body", applied.scrub(preview(answer)));
            return RunOutcome.failure(new ErrorInfo("api_error", "The API answered " + answer.status()
                    + (answer.reason() == null ? "" : " " + applied.scrub(answer.reason())), details));
        }
        String mediaType = mediaType(answer.contentType());
        String key = "automations/" + request.userId() + "/" + request.executionId() + "/response."
                + extension(mediaType);
        try {
            throughStoreFaults("Storing the answer of job " + request.executionId(),
                    () -> blobs.put(key, new ByteArrayInputStream(answer.body())));
        } catch (IOException e) { // the store refuses us (403, no bucket): the call was made, say so
            LOG.errorf(e, "Job %s: the answer could not be stored", request.executionId());
            return RunOutcome.failure(new ErrorInfo("response_not_stored", "The API answered " + answer.status()
                    + ", but its answer could not be stored", details));
        }
        String narrative = method + " " + request.url() + " answered " + answer.status() + " in " + answer.durationMs()
                + " ms with " + answer.body().length + " bytes of " + mediaType + ".";
        ApiCallResult result = new ApiCallResult(new ApiCallResult.Call(method, request.url()), answer.status(),
                mediaType, answer.body().length, answer.durationMs(), attempts,
                new StoredFile(key, mediaType, answer.body().length),
                isText(mediaType) ? applied.scrub(preview(answer)) : null, jsonBody(mediaType, answer, applied),
                Narrative.of(narrative));
        return RunOutcome.success(result);
    }

    /**
     * The call with the user's stored credential applied, when it names one: opened here, on this worker thread,
     * through a database briefly away ({@link TransientRetry}), and never written anywhere.
     *
     * @throws CredentialRefused the user has no credential of that name
     * @throws UnreadableCredentialException it does not open (its master key is gone, its row was altered)
     */
    private AppliedCredential applied(RunAutomation request, AutomationRequest parts) {
        if (parts.credential() == null) {
            return AppliedCredential.none(parts.headers(), request.url());
        }
        Credentials.Resolved credential;
        try {
            credential = retry.handleBlocking(Topics.WORKFLOW_API_AUTOMATION, "Opening the credential of job "
                    + request.executionId(), () -> {
                        try {
                            return VertxContextSupport.subscribeAndAwait(() -> credentials.resolve(request.userId(),
                                    parts.credential()));
                        } catch (Exception | Error e) {
                            throw e;
                        } catch (Throwable e) {
                            throw new IllegalStateException(e);
                        }
                    });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return AppliedCredential.of(credential, parts.headers(), request.url());
    }

    /**
     * A step on the blob store, done again in place while the store is briefly away ({@link TransientRetry}); never
     * the API call, which must not be repeated by it. A lasting fault is the IOException the caller reports.
     */
    private <T> T throughStoreFaults(String what, Callable<T> step) throws IOException {
        try {
            return retry.handleBlocking(Topics.WORKFLOW_API_AUTOMATION, what, step);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private AutomationRequest readParts(RunAutomation request) throws IOException {
        String key = request.requestKey();
        if (key == null) {
            // A workflow's step carries its parts as its owner wrote them; its secrets come from stored credentials.
            return request.request() != null ? request.request() : new AutomationRequest(null, null);
        }
        // Only the user's own request files (a scheduled run reads its schedule's): elsewhere are others' secrets.
        String own = "automations/" + request.userId() + "/";
        if (!key.startsWith(own) || key.contains("..")) {
            throw new IOException("the request file is not this user's");
        }
        try (InputStream in = blobs.open(key).orElseThrow(() -> new IOException("the request file is gone"))) {
            return EventJson.mapper().readValue(in, AutomationRequest.class);
        }
    }

    private static byte[] bodyBytes(JsonNode body) {
        if (body == null || body.isNull()) {
            return null;
        }
        return (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A small JSON answer as JSON, for a workflow's later steps to read; null when it is no JSON, does not parse, or
     * would not go whole through an event's bounds (ResultSummary) — then it is read from the stored file.
     */
    private static JsonNode jsonBody(String mediaType, ApiAnswer answer, AppliedCredential applied) {
        if (!mediaType.endsWith("json") || answer.body().length > ApiCallResult.MAX_BODY_BYTES) {
            return null;
        }
        try {
            JsonNode parsed = EventJson.mapper().readTree(applied.scrub(new String(answer.body(),
                    StandardCharsets.UTF_8)));
            return parsed != null && ResultSummary.fits(parsed, 1) ? parsed : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String location(ApiAnswer answer) {
        return answer.location() == null ? "" : " (" + answer.location() + ")";
    }

    private static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "application/octet-stream";
        }
        return contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isText(String mediaType) {
        return mediaType.startsWith("text/") || mediaType.endsWith("json") || mediaType.endsWith("xml")
                || mediaType.endsWith("csv");
    }

    private static String extension(String mediaType) {
        if (mediaType.endsWith("json")) {
            return "json";
        }
        if (mediaType.endsWith("xml")) {
            return "xml";
        }
        return switch (mediaType) {
            case "text/csv" -> "csv";
            case "text/html" -> "html";
            case "application/pdf" -> "pdf";
            case "text/plain" -> "txt";
            default -> mediaType.startsWith("text/") ? "txt" : "bin";
        };
    }

    /** The answer's start as text; U+0000, which PostgreSQL cannot keep in JSON, as U+FFFD (the file keeps it). */
    private static String preview(ApiAnswer answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "…";
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
