package io.autoflow.service.work;

import io.autoflow.service.tracing.CarriedContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs one job's work on a thread of its own and gives up on it at its deadline, so that no document, however
 * hostile, holds a worker longer than its job may run. Past the deadline the caller gets a
 * {@link WorkTimeoutException} at once, and the thread is abandoned: interrupted (our own loops stop at their next
 * {@link Checkpoint}), then, if a third-party parser ignores that, stopped; a thread that survives even that is
 * reported by {@link #stuck()}, which makes the service not live so that it is restarted. The work keeps its caller's
 * trace and log context ({@link CarriedContext}).
 */
@ApplicationScoped
public class BoundedWork {

    private static final Logger LOG = Logger.getLogger(BoundedWork.class);

    private final Duration stopGrace;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "work-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    /** Abandoned threads still running, with when they were abandoned. */
    private final Map<Thread, Instant> abandoned = new ConcurrentHashMap<>();

    /** @param stopGrace how long interrupted work may take to stop, and again after it was stopped by force */
    public BoundedWork(@ConfigProperty(name = "autoflow.work.stop-grace", defaultValue = "5s") Duration stopGrace) {
        this.stopGrace = stopGrace;
    }

    /**
     * @param name the thread's name, e.g. the job it works for, so that a thread dump tells
     * @param limit how long the work may take
     * @return a Uni with the work's result or failure, or {@link WorkTimeoutException} once the limit has passed
     */
    public <T> Uni<T> run(String name, Duration limit, Callable<T> work) {
        Callable<T> carried = CarriedContext.carry(work); // its spans and log lines stay the job's
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean settled = new AtomicBoolean();
            Thread thread = new Thread(() -> {
                try {
                    T result = carried.call();
                    if (settled.compareAndSet(false, true)) {
                        emitter.complete(result);
                    }
                } catch (Throwable e) { // a ThreadDeath from stop() too: the work is over either way
                    if (settled.compareAndSet(false, true)) {
                        emitter.fail(e);
                    }
                } finally {
                    abandoned.remove(Thread.currentThread());
                }
            }, name);
            thread.setDaemon(true);
            ScheduledFuture<?> deadline = timer.schedule(() -> {
                if (settled.compareAndSet(false, true)) {
                    abandon(thread, "it passed its time limit of " + limit.toMillis() + " ms");
                    emitter.fail(new WorkTimeoutException(limit));
                }
            }, limit.toMillis(), TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> {
                deadline.cancel(false);
                if (settled.compareAndSet(false, true)) { // the caller went away (e.g. shutdown)
                    abandon(thread, "its caller cancelled it");
                }
            });
            thread.start();
        });
    }

    /** Abandoned threads that neither an interrupt nor a forced stop ended: the process must be restarted. */
    public Map<String, Instant> stuck() {
        Instant before = Instant.now().minus(stopGrace.multipliedBy(2));
        Map<String, Instant> stuck = new ConcurrentHashMap<>();
        abandoned.forEach((thread, at) -> {
            if (thread.isAlive() && at.isBefore(before)) {
                stuck.put(thread.getName(), at);
            }
        });
        return stuck;
    }

    private void abandon(Thread thread, String why) {
        if (!thread.isAlive()) {
            return;
        }
        LOG.warnf("Abandoning %s: %s", thread.getName(), why);
        abandoned.put(thread, Instant.now());
        thread.interrupt();
        timer.schedule(() -> stop(thread), stopGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The last resort for third-party code that ignores interrupts (a parser spinning on a malformed file): Java 17
     * can still unwind such a thread, and its memory is reclaimed. Where the JVM no longer can, the thread stays and
     * the service reports itself not live.
     */
    @SuppressWarnings({"removal", "deprecation"})
    private void stop(Thread thread) {
        if (!thread.isAlive()) {
            return;
        }
        try {
            LOG.warnf("Stopping %s by force: it ignored its interrupt", thread.getName());
            thread.stop();
        } catch (UnsupportedOperationException e) {
            LOG.errorf("%s cannot be stopped on this JVM; the service will report itself not live",
                    thread.getName());
        }
    }
}
