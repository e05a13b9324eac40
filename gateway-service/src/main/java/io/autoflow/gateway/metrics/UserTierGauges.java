package io.autoflow.gateway.metrics;

import io.autoflow.gateway.config.TierLimits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code autoflow_users{tier}}: the users of each tier, counted in {@code gateway.users} every
 * {@code autoflow.metrics.users-every} (1 minute). {@code tier} is one of the configured tiers
 * ({@code autoflow.tiers.*}: free, pro, enterprise) or {@code other} for a tier no configuration names, so the labels
 * stay bounded whatever the table holds. Every replica counts the same table: take {@code max()}, never {@code sum()}.
 * A count that fails (the database away) is logged and the last counts stay.
 */
@Startup // the series exist from the start, before the first count
@ApplicationScoped
public class UserTierGauges {

    private static final Logger LOG = Logger.getLogger(UserTierGauges.class);
    static final String OTHER = "other";

    private final Pool db;
    private final Map<String, AtomicLong> users = new HashMap<>();

    public UserTierGauges(Pool db, TierLimits tiers, MeterRegistry registry) {
        this.db = db;
        TreeSet<String> labels = new TreeSet<>(tiers.tiers().keySet());
        labels.add(OTHER);
        // Every tier is reported from the start, at 0, so a dashboard never sees a missing series.
        for (String tier : labels) {
            AtomicLong count = new AtomicLong();
            Gauge.builder("autoflow.users", count, AtomicLong::get).description("Users of the tier, in the platform")
                    .tag("tier", tier).register(registry);
            users.put(tier, count);
        }
    }

    @Scheduled(identity = "user-tier-gauges", every = "${autoflow.metrics.users-every:1m}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return db.query("SELECT tier, count(*) FROM gateway.users GROUP BY tier").execute().invoke(rows -> {
            Map<String, Long> byTier = new HashMap<>();
            for (Row row : rows) {
                String tier = users.containsKey(row.getString(0)) ? row.getString(0) : OTHER;
                byTier.merge(tier, row.getLong(1), Long::sum);
            }
            users.forEach((tier, gauge) -> gauge.set(byTier.getOrDefault(tier, 0L)));
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Users not counted by tier, the last counts stay: %s", failure.getMessage());
            return null;
        }).replaceWithVoid();
    }
}
