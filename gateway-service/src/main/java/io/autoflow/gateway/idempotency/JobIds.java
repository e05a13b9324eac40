package io.autoflow.gateway.idempotency;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/**
 * The id of the job a request starts. A request holding an {@code Idempotency-Key} gets the id its key reserved, the
 * same for every retry of that request, so a retry after a crash finds the job its first try recorded; any other
 * request, and any second job of one request, a new id.
 */
@RequestScoped
public class JobIds {

    private UUID reserved;

    void reserve(UUID jobId) {
        reserved = jobId;
    }

    /** The id for the next job this request starts. */
    public UUID next() {
        UUID id = reserved != null ? reserved : UUID.randomUUID();
        reserved = null;
        return id;
    }
}
