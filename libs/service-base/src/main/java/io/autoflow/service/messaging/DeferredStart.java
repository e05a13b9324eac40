package io.autoflow.service.messaging;

import io.autoflow.events.ExecutionEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * A job's {@code STARTED} event, announced only if the job is still at work after a while
 * ({@code autoflow.jobs.announce-start-after}, 1 s): a job that ends sooner announces only its ending, which says when
 * it began ({@link ExecutionEvent#startedAt()}). A small job so costs one event, one orchestrator transaction and one
 * job update fewer, and its record still shows when it started (issue 19). The start may cross the ending on its way
 * (both sent at once): the orchestrator leaves a job that has ended as it is, so a late start changes nothing.
 */
public final class DeferredStart implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeferredStart.class);

    private final Instant began = Instant.now();
    private final Vertx vertx;
    private final long timer;
    private volatile Cancellable announcing;
    private volatile boolean closed;

    DeferredStart(ExecutionEvents events, Vertx vertx, String executionId, Duration after) {
        this.vertx = vertx;
        // Sent again while the broker is away, until sent or the job has ended (its ending then says it all).
        this.timer = vertx.setTimer(Math.max(1, after.toMillis()), fired -> {
            if (closed) {
                return;
            }
            announcing = events.publish(ExecutionEvent.started(executionId).startedAt(began))
                    .onFailure().invoke(failure -> LOG.warnf("Start of job %s not announced yet: %s", executionId,
                            failure.getMessage()))
                    .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                    .subscribe().with(sent -> { }, failure -> { });
            if (closed) {
                announcing.cancel();
            }
        });
    }

    /** The job's ending, saying when it began; the start is not announced any more. */
    public ExecutionEvent ending(ExecutionEvent ending) {
        close();
        return ending.startedAt(began);
    }

    @Override
    public void close() {
        closed = true;
        vertx.cancelTimer(timer);
        Cancellable sending = announcing;
        if (sending != null) {
            sending.cancel();
        }
    }
}
