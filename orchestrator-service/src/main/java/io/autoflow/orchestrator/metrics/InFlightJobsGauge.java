package io.autoflow.orchestrator.metrics;

import io.autoflow.orchestrator.service.InFlightJobs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code autoflow_jobs_in_flight{workflow_type}}: the jobs not ended yet, and
 * {@code autoflow_jobs_oldest_in_flight_seconds{workflow_type}}: how long ago the oldest of them was asked for (0 when
 * none). Read from the database every {@code autoflow.metrics.in-flight-every} (15 s), so they hold for the whole
 * platform: every orchestrator replica reports the same count, and alerts and dashboards take {@code max()} across
 * replicas, never {@code sum()}. A count kept in memory per replica could not be right: a job started by one replica
 * is often ended by another, and a restart would forget its jobs.
 */
@ApplicationScoped
public class InFlightJobsGauge {

    private static final Logger LOG = Logger.getLogger(InFlightJobsGauge.class);

    private final InFlightJobs inFlight;
    private final Map<String, AtomicLong> jobs = new HashMap<>();
    private final Map<String, AtomicLong> oldestSeconds = new HashMap<>();

    public InFlightJobsGauge(InFlightJobs inFlight, MeterRegistry registry) {
        this.inFlight = inFlight;
        // Every type is reported from the start, at 0, so a dashboard or an alert never sees a missing series.
        for (String type : JobLabels.WORKFLOW_TYPES) {
            AtomicLong count = new AtomicLong();
            Gauge.builder("autoflow.jobs.in.flight", count, AtomicLong::get)
                    .description("Jobs not ended yet (queued, started or in progress), in the whole platform")
                    .tag("workflow_type", type).register(registry);
            jobs.put(type, count);
            AtomicLong oldest = new AtomicLong();
            Gauge.builder("autoflow.jobs.oldest.in.flight", oldest, AtomicLong::get).baseUnit("seconds")
                    .description("Age of the oldest job not ended yet, from its request").tag("workflow_type", type)
                    .register(registry);
            oldestSeconds.put(type, oldest);
        }
    }

    @Scheduled(every = "${autoflow.metrics.in-flight-every:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return inFlight.count().invoke(counts -> {
            Instant now = Instant.now();
            Map<String, long[]> byType = new HashMap<>();
            for (InFlightJobs.Count count : counts) {
                // Only known types can be in flight (an unknown intent fails at once); anything else is left out.
                if (jobs.containsKey(count.workflowType())) {
                    byType.put(count.workflowType(), new long[] {count.jobs(),
                        Math.max(0, Duration.between(count.oldestCreatedAt(), now).toSeconds())});
                }
            }
            jobs.forEach((type, gauge) -> gauge.set(byType.getOrDefault(type, new long[2])[0]));
            oldestSeconds.forEach((type, gauge) -> gauge.set(byType.getOrDefault(type, new long[2])[1]));
        }).onFailure().recoverWithItem(failure -> {
            // The gauges keep their last values; the next refresh tries again.
            LOG.warnf("Jobs in flight not counted: %s", failure.getMessage());
            return null;
        }).replaceWithVoid();
    }
}
