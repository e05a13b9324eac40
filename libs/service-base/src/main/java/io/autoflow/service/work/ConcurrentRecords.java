package io.autoflow.service.work;

import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Handles up to {@code capacity} records of a channel at once, in any order, so that one slow record never holds up
 * the records behind it on its partition. The consumer takes the next record as soon as a slot is free; each record is
 * acknowledged (its offset committed once every earlier one is, by the throttled commit strategy) or nacked (to the
 * dead-letter topic) when its own handling ends. Use with {@code @Acknowledgment(MANUAL)} on a method taking the
 * {@link Message}, called on the message's Vert.x context.
 */
public final class ConcurrentRecords {

    private final int capacity;
    private final Deque<UniEmitter<? super Void>> waiting = new ArrayDeque<>();
    private int used;

    public ConcurrentRecords(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /**
     * @return a Uni that completes once the record has a slot (its handling then goes on without the consumer)
     */
    public <T> Uni<Void> handle(Message<T> message, Function<T, Uni<Void>> handler) {
        Executor context = VertxContexts.current(); // the message's own context, which its database work needs
        return acquire().emitOn(context).invoke(() -> Uni.createFrom().deferred(() -> handler.apply(message.getPayload()))
                .onTermination().invoke(this::release)
                .subscribe().with(done -> message.ack(), message::nack));
    }

    /** Records being handled now. */
    public synchronized int inFlight() {
        return used;
    }

    private Uni<Void> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                if (used < capacity) {
                    used++;
                } else {
                    waiting.add(emitter);
                    return;
                }
            }
            emitter.complete(null);
        });
    }

    /** Hands the slot to the next waiting record, or frees it. */
    private void release() {
        UniEmitter<? super Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                used--;
                return;
            }
        }
        next.complete(null);
    }
}
