package io.autoflow.gateway.ingest;

import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.config.TierLimits;
import io.autoflow.gateway.rest.ApiError;
import io.autoflow.gateway.rest.ErrorCode;
import io.autoflow.ingest.UrlDownloader;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses an upload whose declared length already exceeds the caller's tier, before its body is read: request
 * filters run before RESTEasy Reactive reads a multipart body, so a 500 MB upload to a 10 MB tier costs nothing.
 * Any other body (JSON) is refused past {@link #MAX_JSON_BODY_BYTES}, before it is read into memory. A body without a
 * declared length is bounded by {@code quarkus.http.limits.max-body-size} while it streams, and an upload checked
 * against the tier once spooled.
 */
public class UploadSizeFilter {

    /** The multipart envelope around the document: boundaries, part headers and the small JSON part. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;
    /** The largest JSON body: an API call's 1 MiB body to send, with room for the rest of its request. */
    public static final long MAX_JSON_BODY_BYTES = 2 * 1024 * 1024;

    private final CurrentUser user;
    private final TierLimits tiers;

    public UploadSizeFilter(CurrentUser user, TierLimits tiers) {
        this.user = user;
        this.tiers = tiers;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Optional<Response> refuseOversizedUploads(ContainerRequestContext request) {
        long length = declaredLength(request);
        if (user.id() == null || length < 0) {
            return Optional.empty();
        }
        if (!MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(request.getMediaType())) {
            return length <= MAX_JSON_BODY_BYTES ? Optional.empty() : Optional.of(ApiError.of(
                    ErrorCode.BODY_TOO_LARGE, "A request body other than an upload holds at most "
                            + MAX_JSON_BODY_BYTES + " bytes").toResponse());
        }
        long maxBytes = tiers.of(user.tier()).maxFileBytes();
        if (length <= maxBytes + MULTIPART_OVERHEAD) {
            return Optional.empty();
        }
        return Optional.of(ApiError.of(ErrorCode.FILE_TOO_LARGE, "The document is larger than your " + user.tier()
                + " tier allows (" + maxBytes + " bytes)").toResponse());
    }

    /** Content-Length ({@code getLength()} is an int and says -1 past 2 GB). */
    private static long declaredLength(ContainerRequestContext request) {
        return UrlDownloader.contentLength(request.getHeaderString("Content-Length"));
    }
}
