package io.autoflow.orchestrator.domain;

import java.util.UUID;

/** Ids as clients send them: a text that is no UUID names nothing. */
public final class Ids {

    private Ids() {
    }

    /** The UUID, or {@code null} for none or a text that is not one. */
    public static UUID uuidOrNull(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
