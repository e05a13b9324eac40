package io.autoflow.service.failure;

import io.autoflow.service.VertxContexts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How a consumer rides out our own infrastructure being briefly away: a record whose handling fails transiently
 * ({@link TransientFailures}) is handled again, with exponential backoff and jitter, until it succeeds, fails for good
 * (poison: to the dead-letter topic at once), or has kept failing for the whole window (minutes, configurable), which
 * is {@link InfrastructureUnavailableException}. The record is retried in place: a database or broker that is away
 * fails every record alike, so letting later ones overtake only makes them fail too, and order is kept. Each retry
 * is counted in {@code autoflow_transient_retries_total{topic}}, by the topic of the record being handled.
 */
@ApplicationScoped
public class TransientRetry {

    private static final Logger LOG = Logger.getLogger(TransientRetry.class);

    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration window;
    private final MeterRegistry registry;

    public TransientRetry(@ConfigProperty(name = "autoflow.retry.first-backoff") Duration firstBackoff,
            @ConfigProperty(name = "autoflow.retry.max-backoff") Duration maxBackoff,
            @ConfigProperty(name = "autoflow.retry.window") Duration window, MeterRegistry registry) {
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.window = window;
        this.registry = registry;
    }

    /**
     * Reactive handling: each attempt is subscribed on the caller's Vert.x context, where its database work must
     * run. Call it on that context (the consumer method's).
     *
     * @param topic the topic of the record this step handles
     */
    public <T> Uni<T> handle(String topic, String what, Supplier<Uni<? extends T>> handling) {
        Executor context = Vertx.currentContext() == null ? Runnable::run : VertxContexts.current();
        Counter retries = retries(topic);
        return Uni.createFrom().<T>deferred(handling).runSubscriptionOn(context)
                .onFailure(TransientFailures::isTransient).invoke(e -> {
                    retries.increment();
                    LOG.warnf("%s failed transiently, trying again: %s", what, e.toString());
                })
                .onFailure(TransientFailures::isTransient).retry().withBackOff(firstBackoff, maxBackoff)
                .withJitter(0.3).expireIn(window.toMillis())
                .onFailure(TransientFailures::isTransient).transform(InfrastructureUnavailableException::new);
    }

    /** Blocking handling, for consumers on worker threads: the same rule, sleeping between attempts. */
    public <T> T handleBlocking(String topic, String what, Callable<T> handling) throws Exception {
        long deadline = System.nanoTime() + window.toNanos();
        Duration backoff = firstBackoff;
        while (true) {
            try {
                return handling.call();
            } catch (Exception e) {
                if (!TransientFailures.isTransient(e)) {
                    throw e;
                }
                if (System.nanoTime() + backoff.toNanos() > deadline) {
                    throw new InfrastructureUnavailableException(e);
                }
                retries(topic).increment();
                LOG.warnf("%s failed transiently, trying again in %d ms: %s", what, backoff.toMillis(), e.toString());
                Thread.sleep(jittered(backoff).toMillis());
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private Counter retries(String topic) {
        return Counter.builder("autoflow.transient.retries").tag("topic", topic)
                .description("Steps handled again because our database, broker, Redis or blob store was briefly away")
                .register(registry);
    }

    private static Duration jittered(Duration backoff) {
        double factor = 0.7 + 0.6 * java.util.concurrent.ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (backoff.toMillis() * factor));
    }
}
