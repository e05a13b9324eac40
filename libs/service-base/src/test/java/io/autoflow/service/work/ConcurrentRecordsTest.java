package io.autoflow.service.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentRecordsTest {

    private final Vertx vertx = Vertx.vertx();
    private final ConcurrentRecords records = new ConcurrentRecords(4, 2);
    /** Records whose handling started, and how to end each. */
    private final Map<String, UniEmitter<? super Void>> started = new ConcurrentHashMap<>();
    private final List<String> acked = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void oneOwnersManyRecordsLeaveSlotsForOthersAndStartAsTheirOwnEnd() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertThat(offer("a" + i, "mallory")).isCompleted();
        }
        waitUntil(() -> started.size() == 2);
        assertThat(started).containsOnlyKeys("a1", "a2");

        assertThat(offer("b1", "bob")).isCompleted();
        assertThat(offer("c1", "carol")).isCompleted();
        waitUntil(() -> started.size() == 4);
        assertThat(started).containsKeys("b1", "c1");

        end("a1");
        waitUntil(() -> started.containsKey("a3"));
        assertThat(acked).containsExactly("a1");
        assertThat(records.inFlight()).isEqualTo(4);
    }

    @Test
    void theConsumerWaitsOnlyOnceAnOwnerHasTooManyWaiting() throws Exception {
        for (int i = 1; i <= 6; i++) {
            assertThat(offer("a" + i, "mallory")).isCompleted(); // 2 running, 4 waiting
        }
        CompletableFuture<Void> seventh = offer("a7", "mallory");
        Thread.sleep(200);
        assertThat(seventh).isNotCompleted();

        waitUntil(() -> started.size() == 2);
        end("a1");
        seventh.get(5, TimeUnit.SECONDS); // a3 started, so a7 may wait in its place
        waitUntil(() -> started.containsKey("a3"));
    }

    /** Offers a record on a Vert.x context, as the Kafka connector does; completes when the consumer may go on. */
    private CompletableFuture<Void> offer(String id, String owner) throws Exception {
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        Message<String> message = Message.of(id, () -> {
            acked.add(id);
            return CompletableFuture.completedFuture(null);
        });
        vertx.getOrCreateContext().runOnContext(v -> records.handle(message, payload -> owner,
                payload -> Uni.createFrom().emitter(e -> started.put(payload, e)))
                .subscribe().with(done -> accepted.complete(null), accepted::completeExceptionally));
        Thread.sleep(50);
        return accepted;
    }

    private void end(String id) {
        started.remove(id).complete(null);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 5 s").isLessThan(until);
            Thread.sleep(10);
        }
    }
}
