package io.autoflow.notification.channel;

/**
 * What one attempt came to. A transient failure is tried again later (SMTP 4xx, a refused connection, HTTP 5xx,
 * 408, 429, a timeout); a permanent one is not (SMTP 5xx, other HTTP 4xx, an address we may not call).
 *
 * @param responseCode the SMTP reply code or HTTP status, when the other side answered
 * @param errorCode a stable code for a failure
 */
public record Outcome(Kind kind, Integer responseCode, String errorCode, String error) {

    public enum Kind {
        DELIVERED, TRANSIENT, PERMANENT
    }

    public static Outcome delivered(Integer responseCode) {
        return new Outcome(Kind.DELIVERED, responseCode, null, null);
    }

    public static Outcome retry(Integer responseCode, String errorCode, String error) {
        return new Outcome(Kind.TRANSIENT, responseCode, errorCode, error);
    }

    public static Outcome fail(Integer responseCode, String errorCode, String error) {
        return new Outcome(Kind.PERMANENT, responseCode, errorCode, error);
    }
}
