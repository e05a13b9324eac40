package io.autoflow.gateway.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.rest.ApiError;
import io.autoflow.gateway.rest.ErrorCode;
import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * {@code Idempotency-Key} on the {@link Idempotent} routes, as Stripe has it. The first request with a key claims it
 * (per user) and runs; its answer is kept for 24 h, and the same request again with that key gets that answer (same
 * status, body and {@code Location}, so the same job) with {@code Idempotent-Replayed: true}, running nothing. The
 * key with another request (method, path, body: {@link RequestFingerprint}) is 422 {@code idempotency_key_reused};
 * while the first request runs, others with its key get 409 {@code idempotency_request_in_progress} with
 * {@code Retry-After: 1}, so that however many arrive at once, one job starts. A key that is not 1 to 255 printable
 * ASCII characters is 400 {@code invalid_idempotency_key}, before the body is read. Answers below 500 are kept (a
 * 4xx says the request itself is wrong, and a retry would only hear it again), but not 409 and 429, which ask to try
 * again; a 5xx is our failure and frees the key, as does a claim whose request died (it lapses within
 * {@link IdempotencyConfig#claimLease()} once its gateway stops renewing it). Every try of one request runs as the
 * same job id ({@link JobIds}), so a retry after a gateway died between recording the job and keeping the answer finds
 * that job instead of starting another. No key: the request runs as it always did.
 */
public class IdempotencyFilter {

    /** The request header that carries the key. */
    public static final String KEY_HEADER = "Idempotency-Key";
    /** The answer's header that says it was given before. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;

    private static final Logger LOG = Logger.getLogger(IdempotencyFilter.class);
    private static final String CLAIM = IdempotencyFilter.class.getName() + ".claim";

    private final CurrentUser user;
    private final IdempotencyKeys keys;
    private final JobIds jobIds;
    private final ObjectMapper json;

    public IdempotencyFilter(CurrentUser user, IdempotencyKeys keys, JobIds jobIds, ObjectMapper json) {
        this.user = user;
        this.keys = keys;
        this.jobIds = jobIds;
        this.json = json;
    }

    /** A malformed key is refused before an upload is read: nothing of the request is used. */
    @Idempotent
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 15)
    public Optional<Response> refuseInvalidKey(ContainerRequestContext request) {
        List<String> sent = request.getHeaders().get(KEY_HEADER);
        if (sent == null || sent.isEmpty() || (sent.size() == 1 && isValidKey(sent.get(0)))) {
            return Optional.empty();
        }
        return Optional.of(ApiError.of(ErrorCode.INVALID_IDEMPOTENCY_KEY, "Send one " + KEY_HEADER + " of 1 to "
                + MAX_KEY_LENGTH + " printable ASCII characters, e.g. a UUID").toResponse());
    }

    /** Once the body is read (and the multipart checks passed): claims the key, or answers from what holds it. */
    @Idempotent
    @ServerRequestFilter(priority = Priorities.USER + 100, readBody = true)
    public Uni<Response> claimOrAnswer(ResteasyReactiveContainerRequestContext request) {
        String key = request.getHeaderString(KEY_HEADER);
        UUID userId = user.id();
        if (key == null || userId == null) {
            return Uni.createFrom().nullItem();
        }
        return fingerprint(request).chain(fingerprint -> keys.claim(userId, key, fingerprint)).map(found -> {
            if (found instanceof IdempotencyKeys.Claimed claimed) {
                request.setProperty(CLAIM, claimed);
                jobIds.reserve(claimed.jobId());
                return null;
            }
            if (found instanceof IdempotencyKeys.Answered answered) {
                return replay(answered);
            }
            if (found instanceof IdempotencyKeys.Reused) {
                return ApiError.of(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This " + KEY_HEADER + " was used for a different"
                        + " request (method, path or body); a new request needs a new key").toResponse();
            }
            return Response.fromResponse(ApiError.of(ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS, "A request with this "
                    + KEY_HEADER + " is still running; try again in a moment for its answer").toResponse())
                    .header("Retry-After", 1).build();
        });
    }

    /** Keeps the answer of a request that claimed its key, or frees the key when we failed it. */
    @Idempotent
    @ServerResponseFilter
    public Uni<Void> keepOrRelease(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM) instanceof IdempotencyKeys.Claimed claim)) {
            return Uni.createFrom().voidItem();
        }
        request.removeProperty(CLAIM);
        int status = response.getStatus();
        Uni<Void> done = isFinal(status)
                ? Uni.createFrom().item(() -> answer(status, response)).chain(answer -> keep(claim, answer))
                : keys.release(claim);
        // The answer goes out either way; a key left claimed frees itself once its claim lapses.
        return done.onFailure().recoverWithItem(e -> {
            LOG.errorf(e, "Idempotency key of user %s left claimed: its answer %d was not recorded", claim.userId(),
                    status);
            return null;
        });
    }

    private Uni<Void> keep(IdempotencyKeys.Claimed claim, IdempotencyKeys.Answered answer) {
        return keys.keep(claim, answer).invoke(kept -> {
            if (!kept) {
                LOG.warnf("An answer of user %s came after its idempotency key's claim lapsed; another request holds"
                        + " the key now (raise autoflow.idempotency.claim-timeout?)", claim.userId());
            }
        }).replaceWithVoid();
    }

    private IdempotencyKeys.Answered answer(int status, ContainerResponseContext response) {
        try {
            String body = response.hasEntity() ? json.writeValueAsString(response.getEntity()) : null;
            return new IdempotencyKeys.Answered(status, response.getHeaderString(HttpHeaders.LOCATION), body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The answer cannot be written as JSON", e);
        }
    }

    private static Response replay(IdempotencyKeys.Answered answered) {
        Response.ResponseBuilder replay = Response.status(answered.status()).header(REPLAYED_HEADER, "true");
        if (answered.body() != null) {
            replay.entity(answered.body().getBytes(StandardCharsets.UTF_8)).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (answered.location() != null) {
            replay.header(HttpHeaders.LOCATION, answered.location());
        }
        return replay.build();
    }

    /** An answer that settles the request: below 500, but not those that ask to try again. */
    static boolean isFinal(int status) {
        return status < 500 && status != 409 && status != 429;
    }

    static boolean isValidKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    /** Hashing an upload reads it: off the event loop (a large JSON body has already moved us to a worker). */
    private static Uni<String> fingerprint(ResteasyReactiveContainerRequestContext request) {
        if (Context.isOnEventLoopThread()) {
            return VertxContexts.blocking(() -> RequestFingerprint.of(request));
        }
        try {
            return Uni.createFrom().item(RequestFingerprint.of(request));
        } catch (IOException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
