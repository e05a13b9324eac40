package io.autoflow.outbound;

import java.net.UnknownHostException;

/**
 * A user-given URL's host has no address in DNS: the URL cannot be called now, and callers report it with the
 * stable code {@code url_unreachable}. The message names the host as the URL wrote it, not the resolver's text
 * (which on Linux is "{@code <host>: Name or service not known}").
 */
public class UnresolvedHostException extends UnknownHostException {

    private final String host;

    public UnresolvedHostException(String host) {
        super("The host " + host + " does not resolve");
        this.host = host;
    }

    public String host() {
        return host;
    }
}
