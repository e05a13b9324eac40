package io.autoflow.notification.channel;

/**
 * What one attempt came to. A transient failure is tried again later (SMTP 4xx, a refused connection, HTTP 5xx,
 * 408, 429, a timeout); a target whose host does not resolve is tried again only a few times, soon; a permanent
 * failure is not tried again (SMTP 5xx, other HTTP 4xx, an address we may not call).
 *
 * @param responseCode the SMTP reply code or HTTP status, when the other side answered
 * @param errorCode a stable code for a failure
 */
public record Outcome(Kind kind, Integer responseCode, String errorCode, String error) {

    /** The stable code of a target whose host does not resolve. */
    public static final String URL_UNREACHABLE = "url_unreachable";

    public enum Kind {
        DELIVERED,
        TRANSIENT,
        /** The host has no address: DNS can flap, but a name that is gone does not come back within hours. */
        UNRESOLVED,
        PERMANENT
    }

    public static Outcome delivered(Integer responseCode) {
        return new Outcome(Kind.DELIVERED, responseCode, null, null);
    }

    public static Outcome retry(Integer responseCode, String errorCode, String error) {
        return new Outcome(Kind.TRANSIENT, responseCode, errorCode, error);
    }

    /** @param error names the host as the user wrote it */
    public static Outcome unresolved(String error) {
        return new Outcome(Kind.UNRESOLVED, null, URL_UNREACHABLE, error);
    }

    public static Outcome fail(Integer responseCode, String errorCode, String error) {
        return new Outcome(Kind.PERMANENT, responseCode, errorCode, error);
    }
}
