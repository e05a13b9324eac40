package io.autoflow.automation.http;

/**
 * An API call that got no usable answer. {@code sent} says whether the request may have reached the API: a call
 * that changes something is tried again only when it surely did not.
 */
public class CallFailure extends Exception {

    private final String code;
    private final boolean retryable;
    private final boolean sent;

    public CallFailure(String code, String message, boolean retryable, boolean sent) {
        super(message);
        this.code = code;
        this.retryable = retryable;
        this.sent = sent;
    }

    public String code() {
        return code;
    }

    /** Another attempt may go better (a timeout, a refused connection), unlike a refused URL. */
    public boolean isRetryable() {
        return retryable;
    }

    public boolean mayHaveReachedTheApi() {
        return sent;
    }
}
