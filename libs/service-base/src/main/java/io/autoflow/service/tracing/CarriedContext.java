package io.autoflow.service.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * Work handed to another thread (a worker pool, a job's own thread) keeps the trace and the log context of the code
 * that handed it over: its spans are children of the caller's span, and its log lines carry the caller's trace, span,
 * job and user ids. Off a Vert.x context neither would follow by itself.
 */
public final class CarriedContext {

    private CarriedContext() {
    }

    /** Captures the caller's context now; the returned work runs in it, and leaves the running thread as it was. */
    public static <T> Callable<T> carry(Callable<T> work) {
        Context trace = Context.current();
        Map<String, Object> logContext = new HashMap<>(MDC.getMap());
        return () -> {
            Map<String, Object> before = new HashMap<>(MDC.getMap());
            replaceMdc(logContext);
            try (Scope ignored = trace.makeCurrent()) {
                return work.call();
            } finally {
                replaceMdc(before);
            }
        };
    }

    /** {@link #carry(Callable)} for work that throws no checked exception. */
    public static <T> Supplier<T> supplier(Supplier<T> work) {
        Callable<T> carried = carry(work::get);
        return () -> {
            try {
                return carried.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) { // not thrown by a Supplier
                throw new IllegalStateException(e);
            }
        };
    }

    private static void replaceMdc(Map<String, Object> entries) {
        MDC.clear();
        entries.forEach(MDC::put);
    }
}
