package io.autoflow.service.failure;

import io.vertx.pgclient.PgException;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a failure is PostgreSQL refusing a second row with the same key (SQLSTATE 23505). A record is now and then
 * handled by two replicas at once (Kafka hands a partition to another consumer while the first is still at work, as
 * during a broker restart): both look for the job's row, find none and insert it, and the second insert fails so. The
 * row is there, made by the other replica; the caller decides what that means for its work.
 */
public final class UniqueViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolation() {
    }

    public static boolean caused(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    || cause instanceof java.sql.SQLException jdbc && UNIQUE_VIOLATION.equals(jdbc.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
