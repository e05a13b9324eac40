package io.autoflow.service.failure;

/**
 * A transient failure outlasted its retries (minutes, long enough for a database or broker restart): the record goes
 * to its dead-letter topic for an operator to replay once the cause is fixed.
 */
public class InfrastructureUnavailableException extends RuntimeException {

    public InfrastructureUnavailableException(Throwable cause) {
        super("Still failing after retrying for the whole retry window: " + cause.getMessage(), cause);
    }
}
