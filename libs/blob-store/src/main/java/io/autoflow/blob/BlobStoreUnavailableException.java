package io.autoflow.blob;

import java.io.IOException;

/**
 * The store failed in a way that clears by itself (an object store answering 5xx or throttling, or not reachable):
 * the same call can succeed later. Callers' transient-failure rule (service-base's TransientFailures) retries it;
 * any other IOException of a store is a lasting fault such as refused credentials or a missing bucket.
 */
public class BlobStoreUnavailableException extends IOException {

    public BlobStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
