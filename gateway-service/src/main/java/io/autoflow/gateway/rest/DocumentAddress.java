package io.autoflow.gateway.rest;

import io.autoflow.outbound.OutboundUrls;
import io.autoflow.outbound.UrlNotAllowedException;
import java.net.URI;

/**
 * The web address of a document that is fetched only when its job runs (an analysis or a conversion asked for in a
 * conversation, each run of a schedule), so nothing is fetched before the job does it. The address is checked now as
 * far as that needs no network (http or https, a host, no private address written in it); the job is named by the
 * URL's last segment (its host when the path ends in none) until the worker has fetched the document.
 *
 * @param url the address as given, trimmed
 * @param name what the job is called meanwhile
 */
record DocumentAddress(String url, String name) {

    /** @throws ApiException 422 {@code url_not_allowed} for an address no run could fetch */
    static DocumentAddress of(String url, boolean allowLoopback) {
        URI uri;
        try {
            uri = OutboundUrls.parse(url);
            OutboundUrls.refuseNonPublicLiteral(uri, allowLoopback);
        } catch (UrlNotAllowedException e) {
            throw new ApiException(ErrorCode.URL_NOT_ALLOWED, "The document's URL cannot be fetched: "
                    + e.getMessage());
        }
        String path = uri.getPath();
        String name = path == null || path.isBlank() || path.endsWith("/") ? uri.getHost()
                : path.substring(path.lastIndexOf('/') + 1);
        return new DocumentAddress(url.trim(), name);
    }
}
