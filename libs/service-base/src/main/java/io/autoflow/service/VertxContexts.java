package io.autoflow.service;

import io.autoflow.service.tracing.CarriedContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * Reactive Hibernate sessions live on a Vert.x context. Work that leaves it (blocking I/O on a worker, a Kafka send's
 * acknowledgement) must come back to it before touching the database again; these helpers do that.
 */
public final class VertxContexts {

    private VertxContexts() {
    }

    /** Runs tasks on the caller's Vert.x context. Call it on that context (an event-loop thread). */
    public static Executor current() {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("Not on a Vert.x context");
        }
        return task -> context.runOnContext(ignored -> task.run());
    }

    /**
     * Runs blocking work on a worker thread and delivers its result back on the caller's Vert.x context. The work
     * keeps the caller's trace and log context (job id, trace id).
     */
    public static <T> Uni<T> blocking(Callable<T> work) {
        Executor back = current();
        Callable<T> carried = CarriedContext.carry(work);
        return Uni.createFrom().item(() -> {
            try {
                return carried.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new BlockingWorkException(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).emitOn(back);
    }

    /** A checked exception thrown by blocking work; its cause is the original. */
    public static final class BlockingWorkException extends RuntimeException {
        BlockingWorkException(Exception cause) {
            super(cause);
        }
    }
}
