package io.autoflow.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one place that decides whether a user-given URL may be called (SSRF guard): http or https, a host, no
 * credentials, a host written one way only, and a host whose every address is public ({@link PublicAddresses}).
 * Callers connect to the address {@link #resolve} returned, so DNS cannot answer differently between the check and
 * the connection, and check each redirect again.
 *
 * <p>A host is checked as the connection will use it:
 * <ul>
 * <li>An IPv4 address only as four decimal numbers ({@code 192.0.2.1}). A host that ends in a number but is written
 * otherwise (octal {@code 0177.0.0.1}, hex {@code 0x7f000001}, short {@code 127.1}, one number {@code 2130706433},
 * with a trailing dot {@code 1.1.1.1.}) is refused, because browsers, curl, the C library and Java do not agree on
 * which address it is ({@link Ipv4Spellings}). So is an IPv6 literal whose IPv4 tail is written otherwise.</li>
 * <li>A host name with a trailing dot (the DNS root: {@code example.com.}) is the same name without it:
 * {@link #parse} drops the dot, so every rule ({@code localhost.} is this machine), the DNS look-up, the
 * {@code Host} header and the TLS server name all see one spelling.</li>
 * <li>Letter case does not matter ({@code LOCALHOST} is {@code localhost}).</li>
 * </ul>
 */
public final class OutboundUrls {

    private OutboundUrls() {
    }

    /**
     * The URL as it will be called: its host name without a trailing dot.
     *
     * @throws UrlNotAllowedException when the URL is not a plain http(s) URL with a host written one way only
     */
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
        // Java leaves the host unset when it cannot read it (127.1, 0x7f.0.0.1): read it from the authority.
        String authority = uri.getRawAuthority();
        String written = authority == null ? "" : hostIn(authority);
        if (written.isEmpty()) {
            throw new UrlNotAllowedException("it has no host");
        }
        if (uri.getRawUserInfo() != null || authority.contains("@")) {
            throw new UrlNotAllowedException("credentials in the URL are not accepted");
        }
        String host = checkedHost(written);
        if (uri.getHost() == null || host.isEmpty()) {
            throw new UrlNotAllowedException("its host " + written + " is not a valid host name");
        }
        return host.equals(uri.getHost()) ? uri : withHost(uri, host);
    }

    /**
     * The address to connect to. Every address the host has must be allowed, so a name cannot mix a public and a
     * private one.
     *
     * @param host a host from {@link #parse}; any other is held to the same rules
     * @param allowLoopback for tests only, which serve from this machine
     * @throws UnresolvedHostException when the host does not resolve
     * @throws UrlNotAllowedException when any of its addresses is not public, or the host is an ambiguous address
     */
    public static InetAddress resolve(String host, boolean allowLoopback) throws UnresolvedHostException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(checkedHost(host));
        } catch (UnknownHostException e) {
            throw new UnresolvedHostException(host);
        }
        if (!Arrays.stream(addresses).allMatch(a -> PublicAddresses.isAllowed(a, allowLoopback))) {
            throw new UrlNotAllowedException("its host " + host
                    + " is a private, loopback, link-local or reserved address");
        }
        return addresses[0];
    }

    /**
     * Refuses, without asking DNS, a URL whose host is an IP literal outside the public ranges or names this machine
     * ({@code localhost}, {@code *.localhost}, in any case, with or without a trailing dot): a check to run when a
     * URL is accepted, before {@link #resolve} runs when it is called.
     */
    public static void refuseNonPublicLiteral(URI uri, boolean allowLoopback) {
        String host = checkedHost(uri.getHost()).toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            if (!allowLoopback) {
                throw new UrlNotAllowedException("its host " + host + " is this machine");
            }
            return;
        }
        if (host.startsWith("[") || Ipv4Spellings.readsAsIpv4(host)) {
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

    /**
     * The host as it is called: an IP literal only in the spelling every reader agrees on, a name without its
     * trailing dot.
     */
    private static String checkedHost(String host) {
        if (host.startsWith("[")) {
            String tail = host.substring(host.lastIndexOf(':') + 1, host.length() - 1);
            if (tail.contains(".") && !Ipv4Spellings.isCanonical(tail)) {
                throw new UrlNotAllowedException("its host " + host + " is an ambiguous IPv6 address (write its"
                        + " IPv4 part as four decimal numbers)");
            }
            return host;
        }
        if (Ipv4Spellings.readsAsIpv4(host)) {
            if (Ipv4Spellings.isCanonical(host)) {
                return host;
            }
            throw new UrlNotAllowedException(Ipv4Spellings.isAllNumbers(host)
                    ? "its host " + host + " is an ambiguous IPv4 address (write it as four decimal numbers)"
                    : "its host " + host + " is not a valid host name (it ends in a number)");
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** The host of a raw authority ({@code [user@]host[:port]}), as written. */
    private static String hostIn(String authority) {
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(0, end + 1);
        }
        int colon = hostAndPort.indexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    private static URI withHost(URI uri, String host) {
        return URI.create(uri.getScheme() + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment()));
    }
}
