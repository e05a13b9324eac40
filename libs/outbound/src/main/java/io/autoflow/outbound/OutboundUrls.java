package io.autoflow.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one place that decides whether a user-given URL may be called (SSRF guard): http or https, a host, no
 * credentials, and a host whose every address is public ({@link PublicAddresses}). Callers connect to the address
 * {@link #resolve} returned, so DNS cannot answer differently between the check and the connection, and check each
 * redirect again.
 */
public final class OutboundUrls {

    private OutboundUrls() {
    }

    /** @throws UrlNotAllowedException when the URL is not a plain http(s) URL with a host */
    public static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.trim());
        } catch (URISyntaxException e) {
            throw new UrlNotAllowedException("it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UrlNotAllowedException("only http and https URLs can be called");
        }
        if (uri.getHost() == null) {
            throw new UrlNotAllowedException("it has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UrlNotAllowedException("credentials in the URL are not accepted");
        }
        return uri;
    }

    /**
     * The address to connect to. Every address the host has must be allowed, so a name cannot mix a public and a
     * private one.
     *
     * @param allowLoopback for tests only, which serve from this machine
     * @throws UnknownHostException when the host does not resolve
     * @throws UrlNotAllowedException when any of its addresses is not public
     */
    public static InetAddress resolve(String host, boolean allowLoopback) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (!Arrays.stream(addresses).allMatch(a -> PublicAddresses.isAllowed(a, allowLoopback))) {
            throw new UrlNotAllowedException("its host " + host
                    + " is a private, loopback, link-local or reserved address");
        }
        return addresses[0];
    }

    /**
     * Refuses, without asking DNS, a URL whose host is an IP literal outside the public ranges or names this machine
     * ({@code localhost}): a check to run when a URL is accepted, before {@link #resolve} runs when it is called.
     */
    public static void refuseNonPublicLiteral(URI uri, boolean allowLoopback) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean literal = host.startsWith("[") || host.matches("[0-9.]+");
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            if (!allowLoopback) {
                throw new UrlNotAllowedException("its host " + host + " is this machine");
            }
            return;
        }
        if (literal) {
            try {
                if (!PublicAddresses.isAllowed(InetAddress.getByName(host), allowLoopback)) {
                    throw new UrlNotAllowedException("its host " + host
                            + " is a private, loopback, link-local or reserved address");
                }
            } catch (UnknownHostException e) {
                throw new UrlNotAllowedException("its host " + host + " is not a valid address");
            }
        }
    }

    public static boolean isHttps(URI uri) {
        return uri.getScheme().equalsIgnoreCase("https");
    }

    public static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : isHttps(uri) ? 443 : 80;
    }

    /** What goes on the request line: the raw path (or "/") and query. */
    public static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
