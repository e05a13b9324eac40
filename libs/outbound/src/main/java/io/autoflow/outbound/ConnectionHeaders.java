package io.autoflow.outbound;

import java.util.Locale;
import java.util.Set;

/** Headers that belong to the connection, set by the platform when it calls out: a user's value for them is refused. */
public final class ConnectionHeaders {

    private static final Set<String> NAMES = Set.of("host", "content-length", "transfer-encoding", "connection",
            "upgrade", "te", "trailer", "keep-alive", "proxy-authorization", "proxy-connection");

    private ConnectionHeaders() {
    }

    public static boolean isConnectionHeader(String name) {
        return NAMES.contains(name.toLowerCase(Locale.ROOT));
    }
}
