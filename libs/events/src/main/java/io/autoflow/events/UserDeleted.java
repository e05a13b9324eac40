package io.autoflow.events;

import java.time.Instant;

/**
 * A user asked to be forgotten (GDPR erasure). Every service removes what it holds about them: rows, files,
 * sessions. Key = the user id.
 */
public record UserDeleted(String userId, Instant occurredAt) {

    public static final String TYPE = "io.autoflow.user.deleted.v1";
}
