package io.autoflow.service.tracing;

import io.opentelemetry.context.Context;
import io.quarkus.opentelemetry.runtime.QuarkusContextStorage;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Outgoing Vert.x HTTP calls made from a thread of our own (a webhook sender, a job's worker) continue the caller's
 * trace: Vert.x sends the request on an event loop, where the client's tracer sees only that Vert.x context's trace,
 * not the calling thread's. The call is therefore started on a fresh duplicated context that holds the caller's trace,
 * so its span is a child of the caller's and its {@code traceparent} header carries the trace on.
 */
public final class TracedCalls {

    private TracedCalls() {
    }

    public static <T> Future<T> inCallersTrace(Vertx vertx, Supplier<Future<T>> call) {
        Context trace = Context.current();
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        Promise<T> result = Promise.promise();
        context.runOnContext(ignored -> {
            QuarkusContextStorage.INSTANCE.attach(context, trace);
            call.get().onComplete(result);
        });
        return result.future();
    }
}
