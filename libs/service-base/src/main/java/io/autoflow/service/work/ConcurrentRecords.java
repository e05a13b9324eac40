package io.autoflow.service.work;

import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Handles up to {@code capacity} records of a channel at once, in any order and fairly between their owners (users):
 * one slow record never holds up the records behind it on its partition, and one owner's many records never take
 * every slot, since an owner runs at most {@code perOwner} at once while others wait. Records of an owner at its share
 * wait here (a few per owner; past that the consumer waits too) and start as slots free, oldest first. Each record is
 * acknowledged (its offset committed once every earlier one is, by the throttled commit strategy) or nacked (to the
 * dead-letter topic) when its own handling ends. Use with {@code @Acknowledgment(MANUAL)} on a method taking the
 * {@link Message}, called on the message's Vert.x context.
 */
public final class ConcurrentRecords {

    private final int capacity;
    private final int perOwner;
    private final int waitingPerOwner;
    /** Records waiting for a slot, oldest first. */
    private final List<Waiting> waiting = new ArrayList<>();
    private final Map<String, Integer> runningByOwner = new HashMap<>();
    private final Map<String, Integer> waitingByOwner = new HashMap<>();
    /** The consumer, held back by an owner with too many records waiting until one of them starts. */
    private final Map<String, List<UniEmitter<? super Void>>> heldBack = new HashMap<>();
    private int running;

    private record Waiting(String owner, Runnable start) {
    }

    /**
     * @param capacity records handled at once
     * @param perOwner records of one owner handled at once while others wait
     */
    public ConcurrentRecords(int capacity, int perOwner) {
        if (capacity < 1 || perOwner < 1) {
            throw new IllegalArgumentException("capacity and perOwner must be at least 1");
        }
        this.capacity = capacity;
        this.perOwner = Math.min(perOwner, capacity);
        this.waitingPerOwner = 2 * this.perOwner;
    }

    /**
     * @param ownerOf whose record it is, for fairness
     * @return a Uni that completes once the record is started or waiting for a slot (its handling then goes on
     *         without the consumer); it waits itself while the owner already has more records waiting than its share
     */
    public <T> Uni<Void> handle(Message<T> message, Function<T, String> ownerOf, Function<T, Uni<Void>> handler) {
        Executor context = VertxContexts.current(); // the message's own context, which its database work needs
        String owner = String.valueOf(ownerOf.apply(message.getPayload()));
        Runnable start = () -> context.execute(() -> Uni.createFrom()
                .deferred(() -> handler.apply(message.getPayload()))
                .onTermination().invoke(() -> finished(owner))
                .subscribe().with(done -> message.ack(), message::nack));
        return Uni.createFrom().emitter(accepted -> offer(owner, start, accepted));
    }

    /** Records being handled now. */
    public synchronized int inFlight() {
        return running;
    }

    private void offer(String owner, Runnable start, UniEmitter<? super Void> accepted) {
        boolean startNow;
        synchronized (this) {
            startNow = running < capacity && runningByOwner.getOrDefault(owner, 0) < perOwner;
            if (startNow) {
                begin(owner);
            } else {
                boolean tooMany = waitingByOwner.getOrDefault(owner, 0) >= waitingPerOwner;
                waiting.add(new Waiting(owner, start));
                waitingByOwner.merge(owner, 1, Integer::sum);
                if (tooMany) {
                    // This owner has enough waiting: the consumer waits until one of them starts.
                    heldBack.computeIfAbsent(owner, o -> new ArrayList<>()).add(accepted);
                    return;
                }
            }
        }
        if (startNow) {
            start.run();
        }
        accepted.complete(null);
    }

    /** Frees the owner's slot and starts the oldest waiting records that may now run. */
    private void finished(String owner) {
        List<Runnable> starting = new ArrayList<>();
        List<UniEmitter<? super Void>> released = new ArrayList<>();
        synchronized (this) {
            running--;
            runningByOwner.computeIfPresent(owner, (o, n) -> n == 1 ? null : n - 1);
            Iterator<Waiting> next = waiting.iterator();
            while (running < capacity && next.hasNext()) {
                Waiting candidate = next.next();
                if (runningByOwner.getOrDefault(candidate.owner(), 0) < perOwner) {
                    next.remove();
                    waitingByOwner.computeIfPresent(candidate.owner(), (o, n) -> n == 1 ? null : n - 1);
                    begin(candidate.owner());
                    starting.add(candidate.start());
                    List<UniEmitter<? super Void>> held = heldBack.get(candidate.owner());
                    if (held != null) {
                        released.add(held.remove(0));
                        if (held.isEmpty()) {
                            heldBack.remove(candidate.owner());
                        }
                    }
                }
            }
        }
        starting.forEach(Runnable::run);
        released.forEach(consumer -> consumer.complete(null));
    }

    private void begin(String owner) {
        running++;
        runningByOwner.merge(owner, 1, Integer::sum);
    }
}
