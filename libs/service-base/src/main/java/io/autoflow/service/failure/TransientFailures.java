package io.autoflow.service.failure;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The one rule for what a failure is: transient (our own infrastructure is briefly away: PostgreSQL restarting, a
 * closed pool, a broker between leaders, a refused or reset connection, a timeout, a lock or serialization
 * conflict, an internal service answering 5xx, the object store of blobs busy or away), which passes if the work is tried again; or poison (the record
 * itself is wrong), which never will and goes to its dead-letter topic at once. Unknown failures are poison: a record
 * retried for minutes for nothing is worse than one an operator replays.
 */
public final class TransientFailures {

    /** SQLSTATE classes and codes that clear by themselves: connection, serialization, lock, shutdown, resources. */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "53", "57");
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03");
    /**
     * libs/blob-store's "the object store is briefly away" (5xx, throttling, unreachable), by name: not every service
     * has the blob store on its class path.
     */
    private static final String BLOB_STORE_UNAVAILABLE = "io.autoflow.blob.BlobStoreUnavailableException";
    /** Vert.x and Hibernate Reactive say a pool or connection went away in their messages only. */
    private static final Set<String> CLOSED_MESSAGES = Set.of("pool closed", "connection was closed",
            "connection is closed", "connection reset", "failed to acquire connection");

    private TransientFailures() {
    }

    /** Whether the failure, or anything that caused it, is one that passes when tried again. */
    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (isTransientItself(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a catch-all that turns whatever failed into a job's outcome (a failed job with a code): a transient failure
     * is not the job's, so it is thrown on, for the caller's {@link TransientRetry}, instead of failing the job.
     */
    public static void throwIfTransient(Exception failure) {
        if (!isTransient(failure)) {
            return;
        }
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        throw failure instanceof IOException io ? new java.io.UncheckedIOException(io)
                : new IllegalStateException(failure);
    }

    private static boolean isTransientSqlState(String state) {
        return state != null && (TRANSIENT_SQL_STATES.contains(state)
                || state.length() == 5 && TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2)));
    }

    private static boolean isTransientItself(Throwable failure) {
        if (failure instanceof PgException pg) {
            return isTransientSqlState(pg.getSqlState());
        }
        if (failure instanceof java.sql.SQLException jdbc) {
            // The blocking (JDBC) services: "This connection has been closed" is 08003.
            return failure instanceof java.sql.SQLTransientException
                    || failure instanceof java.sql.SQLRecoverableException || isTransientSqlState(jdbc.getSQLState());
        }
        if (failure instanceof ClosedConnectionException || failure instanceof RetriableException
                || failure instanceof TimeoutException || failure instanceof java.net.ConnectException
                || failure instanceof java.net.SocketException || failure instanceof java.net.SocketTimeoutException
                || failure instanceof java.nio.channels.ClosedChannelException
                || failure.getClass().getName().equals(BLOB_STORE_UNAVAILABLE)) {
            return true;
        }
        if (failure instanceof jakarta.ws.rs.WebApplicationException web) {
            return web.getResponse() != null && web.getResponse().getStatus() >= 500;
        }
        if (failure instanceof jakarta.ws.rs.ProcessingException) {
            return failure.getCause() == null || isTransient(failure.getCause());
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(java.util.Locale.ROOT);
        return (failure instanceof IOException || failure.getClass().getName().startsWith("io.vertx")
                || failure.getClass().getName().startsWith("org.hibernate"))
                && CLOSED_MESSAGES.stream().anyMatch(message::contains);
    }
}
