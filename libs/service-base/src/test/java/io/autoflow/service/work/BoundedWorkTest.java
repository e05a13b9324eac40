package io.autoflow.service.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedWorkTest {

    private final BoundedWork work = new BoundedWork(Duration.ofMillis(300));

    @Test
    void workWithinItsLimitGivesItsResult() {
        assertThat(work.run("quick", Duration.ofSeconds(5), () -> 42).await().atMost(Duration.ofSeconds(5)))
                .isEqualTo(42);
    }

    @Test
    void aFailureOfTheWorkIsItsCallersFailure() {
        assertThatThrownBy(() -> work.run("failing", Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("broken");
        }).await().atMost(Duration.ofSeconds(5))).isInstanceOf(IllegalStateException.class).hasMessage("broken");
    }

    @Test
    void workPastItsLimitIsGivenUpAtOnceAndStopsAtItsNextCheckpoint() throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        long started = System.nanoTime();
        assertThatThrownBy(() -> work.run("checking", Duration.ofMillis(200), () -> {
            try {
                while (true) {
                    Checkpoint.check();
                }
            } finally {
                stopped.set(true);
            }
        }).await().atMost(Duration.ofSeconds(5))).isInstanceOf(WorkTimeoutException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        waitFor(stopped::get);
        assertThat(work.stuck()).isEmpty();
    }

    @Test
    void workThatIgnoresItsInterruptIsStoppedByForce() throws Exception {
        AtomicLong spins = new AtomicLong();
        AtomicBoolean unwound = new AtomicBoolean();
        assertThatThrownBy(() -> work.run("spinning", Duration.ofMillis(200), () -> {
            try {
                while (true) { // a third-party parser going round a cyclic structure, deaf to interrupts
                    spins.incrementAndGet();
                    Thread.interrupted();
                }
            } finally {
                unwound.set(true);
            }
        }).await().atMost(Duration.ofSeconds(5))).isInstanceOf(WorkTimeoutException.class);

        waitFor(unwound::get);
        long after = spins.get();
        Thread.sleep(100);
        assertThat(spins.get()).isEqualTo(after);
        assertThat(work.stuck()).isEmpty();
    }

    @Test
    void workThatCannotBeStoppedIsReportedStuck() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        assertThatThrownBy(() -> work.run("unstoppable", Duration.ofMillis(100), () -> {
            while (!release.get()) {
                try {
                    Thread.interrupted();
                    while (!release.get()) {
                        Thread.onSpinWait();
                    }
                } catch (ThreadDeath death) {
                    // swallows even a forced stop, as no well-behaved code does
                }
            }
            return null;
        }).await().atMost(Duration.ofSeconds(5))).isInstanceOf(WorkTimeoutException.class);

        waitFor(() -> work.stuck().containsKey("unstoppable"));
        release.set(true);
        waitFor(() -> work.stuck().isEmpty());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(until);
            Thread.sleep(20);
        }
    }
}
