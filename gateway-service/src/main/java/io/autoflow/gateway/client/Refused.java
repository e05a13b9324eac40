package io.autoflow.gateway.client;

import io.autoflow.events.ErrorInfo;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

/**
 * A refusal by an internal service of what the user asked (a 4xx with an {@link ErrorInfo}: its code, message and
 * details), which the gateway answers with its own code of the same name. Any other failure of the service is not
 * the user's to act on: it means the service is unavailable.
 */
public final class Refused extends RuntimeException {

    private final transient ErrorInfo error;

    Refused(ErrorInfo error) {
        super(error.code(), null, false, false);
        this.error = error;
    }

    public ErrorInfo error() {
        return error;
    }

    /** For a client's {@code @ClientExceptionMapper}: the refusal in a 4xx answer, or null for any other failure. */
    static RuntimeException from(Response response) {
        if (response.getStatus() < 400 || response.getStatus() >= 500) {
            return null; // the service failed: not the user's to act on
        }
        try {
            ErrorInfo error = response.readEntity(ErrorInfo.class);
            return error == null || error.code() == null ? null : new Refused(error);
        } catch (ProcessingException | IllegalStateException e) {
            return null;
        }
    }
}
