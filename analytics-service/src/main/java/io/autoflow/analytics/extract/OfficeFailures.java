package io.autoflow.analytics.extract;

import io.autoflow.events.CodedException;
import io.autoflow.service.work.Checkpoint;

/** Turns what POI throws on a damaged or hostile Office file into a stable failure code. */
final class OfficeFailures {

    private OfficeFailures() {
    }

    static RuntimeException translate(Exception e, String what) {
        if (e instanceof CodedException || e instanceof Checkpoint.WorkAbandonedException) {
            return (RuntimeException) e;
        }
        if (e.getMessage() != null && e.getMessage().contains("Zip bomb")) {
            return new DocumentException("zip_bomb_detected",
                    "The " + what + " expands far beyond its size (possible zip bomb)");
        }
        return new DocumentException("corrupt_document", "The " + what + " is damaged: " + e.getMessage());
    }
}
