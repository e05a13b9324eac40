package io.autoflow.automation.service;

/** A stored secret that does not open: its master key is gone, or its row was altered. Never says the secret. */
public class UnreadableCredentialException extends RuntimeException {

    public UnreadableCredentialException(String why) {
        super("The stored credential " + why, null, false, false);
    }
}
