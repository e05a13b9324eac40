package io.autoflow.notification.webhook;

/** A stored secret that does not decrypt under the configured key: the key changed, or the bytes did. */
public class UnreadableSecretException extends IllegalStateException {

    public UnreadableSecretException(Throwable cause) {
        super("A stored secret does not decrypt under the configured key", cause);
    }
}
