package io.autoflow.service.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.UserDeleted;
import io.autoflow.service.failure.InfrastructureUnavailableException;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.mutiny.Uni;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one guard of every service's erasure: poison is refused at once, a transient fault is outlasted. */
class UserErasureTest {

    private final UserErasure erasure = new UserErasure(
            new TransientRetry(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMillis(400),
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));

    @Test
    void aRecordWithoutAUserIsPoisonAndErasesNothing() {
        List<String> erased = new ArrayList<>();
        assertThatThrownBy(() -> erasure.eraseBlocking(null, erased::add))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> erasure.erase(new UserDeleted(null, Instant.now()),
                id -> Uni.createFrom().item(erased.add(id)))).isInstanceOf(MalformedEventException.class);
        assertThat(erased).isEmpty();
    }

    @Test
    void aDatabaseThatComesBackGetsTheErasureDone() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        erasure.eraseBlocking(new UserDeleted("u-1", Instant.now()), id -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConnectException("Connection refused");
            }
        });
        assertThat(attempts).hasValue(3);

        AtomicInteger reactiveAttempts = new AtomicInteger();
        erasure.erase(new UserDeleted("u-2", Instant.now()), id -> reactiveAttempts.incrementAndGet() < 3
                ? Uni.createFrom().failure(new ConnectException("Connection refused"))
                : Uni.createFrom().voidItem()).await().atMost(Duration.ofSeconds(5));
        assertThat(reactiveAttempts).hasValue(3);
    }

    @Test
    void aFaultThatOutlastsTheWindowFailsAsInfrastructureUnavailable() {
        assertThatThrownBy(() -> erasure.eraseBlocking(new UserDeleted("u-3", Instant.now()), id -> {
            throw new ConnectException("Connection refused");
        })).isInstanceOf(InfrastructureUnavailableException.class);
    }

    @Test
    void aBugIsNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> erasure.eraseBlocking(new UserDeleted("u-4", Instant.now()), id -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }
}
