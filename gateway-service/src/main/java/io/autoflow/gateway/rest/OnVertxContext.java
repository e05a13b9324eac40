package io.autoflow.gateway.rest;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Reactive work (Hibernate Reactive, Redis, REST clients) done from a resource method on a worker thread
 * ({@code @Blocking}: one that streams a body or a file): it runs on the request's Vert.x context, the only place
 * Hibernate Reactive works, and the worker waits for its result.
 */
final class OnVertxContext {

    private OnVertxContext() {
    }

    /** The work's result; its failure thrown as it is (an {@link ApiException} answers as itself). */
    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
