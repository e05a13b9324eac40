package io.autoflow.gateway.metrics;

import io.autoflow.gateway.storage.UserStorage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The blob store's use, from one walk of every user area ({@link UserStorage#walk()}) every
 * {@code autoflow.metrics.storage-every} (5 minutes), on a worker thread:
 * <ul>
 * <li>{@code autoflow_storage_used_bytes}: every user file, as kept (encrypted);</li>
 * <li>{@code autoflow_storage_capacity_bytes}: {@code autoflow.storage.capacity}, only when it is configured;</li>
 * <li>{@code autoflow_storage_per_user_bytes{quantile}}: the distribution over users holding files, at the quantiles
 * of {@link #QUANTILES} (nearest rank: the smallest figure at least that share of users is at or below);</li>
 * <li>{@code autoflow_storage_users}: how many users hold files.</li>
 * </ul>
 * A user id is never a label. Every gateway replica walks the same store and reports the same figures: dashboards and
 * alerts take {@code max()}, never {@code sum()}. Until the first walk succeeds they are NaN (not measured); a walk
 * that fails (the store away) is logged and the last figures stay.
 */
@Startup // the series exist from the start, and a wrong capacity stops the service at once
@ApplicationScoped
public class StorageGauges {

    private static final Logger LOG = Logger.getLogger(StorageGauges.class);
    static final List<String> QUANTILES = List.of("0.5", "0.9", "0.99", "1");

    private final UserStorage storage;
    private volatile Figures figures = Figures.NOT_MEASURED;

    public StorageGauges(UserStorage storage, MeterRegistry registry,
            @ConfigProperty(name = "autoflow.storage.capacity") Optional<MemorySize> capacity) {
        this.storage = storage;
        Gauge.builder("autoflow.storage.used", this, gauges -> gauges.figures.usedBytes).baseUnit("bytes")
                .description("Bytes the users' files take in the blob store (encrypted), the same on every replica")
                .register(registry);
        Gauge.builder("autoflow.storage.users", this, gauges -> gauges.figures.users)
                .description("Users holding at least one file in the blob store").register(registry);
        for (int i = 0; i < QUANTILES.size(); i++) {
            int rank = i;
            Gauge.builder("autoflow.storage.per.user", this, gauges -> gauges.figures.perUser[rank])
                    .baseUnit("bytes").tag("quantile", QUANTILES.get(rank))
                    .description("Bytes a user's files take, over the users holding files (quantile 1: the most)")
                    .register(registry);
        }
        if (capacity.isPresent()) {
            long bytes = capacity.get().asLongValue();
            if (bytes <= 0) {
                throw new IllegalArgumentException("autoflow.storage.capacity must be more than 0 bytes: leave it"
                        + " unset when the capacity is unknown");
            }
            Gauge.builder("autoflow.storage.capacity", () -> bytes).baseUnit("bytes")
                    .description("What the blob store may hold (autoflow.storage.capacity)").register(registry);
        }
    }

    @Scheduled(identity = "storage-gauges", every = "${autoflow.metrics.storage-every:5m}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            figures = Figures.of(storage.walk());
        } catch (Exception e) { // IOException or an SDK failure alike: the store is away, the figures stay
            LOG.warnf("Storage not measured, the last figures stay: %s", e.getMessage());
        }
    }

    /** One walk's figures, replaced whole: each series reads one walk (a scrape during a refresh may mix two). */
    private record Figures(double usedBytes, double users, double[] perUser) {

        static final Figures NOT_MEASURED = new Figures(Double.NaN, Double.NaN, nans());

        static Figures of(UserStorage.Walk walk) {
            long[] sorted = walk.bytesByUser().values().stream().mapToLong(Long::longValue).sorted().toArray();
            double[] perUser = new double[QUANTILES.size()];
            for (int i = 0; i < perUser.length; i++) {
                perUser[i] = nearestRank(sorted, Double.parseDouble(QUANTILES.get(i)));
            }
            return new Figures(walk.totalBytes(), sorted.length, perUser);
        }

        private static double[] nans() {
            double[] nans = new double[QUANTILES.size()];
            Arrays.fill(nans, Double.NaN);
            return nans;
        }
    }

    /** The smallest value that at least {@code quantile} of the values are at or below; 0 when there are none. */
    static long nearestRank(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(quantile * sorted.length - 1e-9); // 0.9 * 10 may come out a hair above 9
        return sorted[Math.max(rank, 1) - 1];
    }
}
