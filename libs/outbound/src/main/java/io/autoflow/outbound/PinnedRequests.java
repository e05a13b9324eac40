package io.autoflow.outbound;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;

/**
 * The one way the platform calls a user's URL once {@link OutboundUrls} has checked it: the connection goes to the
 * address that was checked (resolving again could answer a private one: DNS rebinding), while TLS and the
 * {@code Host} header still name the URL's host; a redirect is never followed by the client, the caller decides.
 */
public final class PinnedRequests {

    private PinnedRequests() {
    }

    public static RequestOptions to(URI uri, InetAddress checkedAddress, HttpMethod method) {
        int port = OutboundUrls.port(uri);
        return new RequestOptions()
                .setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(port, checkedAddress.getHostAddress()))
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(OutboundUrls.isHttps(uri))
                .setURI(OutboundUrls.pathAndQuery(uri))
                .setFollowRedirects(false);
    }
}
