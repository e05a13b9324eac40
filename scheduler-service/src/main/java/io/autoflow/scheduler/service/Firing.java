package io.autoflow.scheduler.service;

import io.autoflow.scheduler.messaging.SchedulerEvents;
import io.autoflow.scheduler.store.DueRun;
import io.autoflow.scheduler.store.TaskStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts the runs of due schedules: each is written with its schedule moved on (one transaction, under a row lock,
 * so replicas never fire one twice), then its intent is published and marked. A run whose intent did not reach
 * Kafka is published again by the sweep; its job id is fixed by schedule and time, so the orchestrator records it
 * once.
 */
@ApplicationScoped
public class Firing {

    private static final Logger LOG = Logger.getLogger(Firing.class);
    private static final int BATCH = 100;
    private static final Duration REPUBLISH_AFTER = Duration.ofSeconds(30);

    private final TaskStore store;
    private final Schedules schedules;
    private final SchedulerEvents events;
    private final Clock clock;

    public Firing(TaskStore store, Schedules schedules, SchedulerEvents events, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.schedules = schedules;
        this.events = events;
    }

    @Scheduled(every = "${autoflow.scheduler.poll-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fireDue() {
        List<DueRun> fired;
        do {
            fired = store.fireDue(clock.instant(), BATCH, schedules::plan);
            fired.forEach(this::publish);
        } while (fired.size() == BATCH);
        store.unpublished(clock.instant().minus(REPUBLISH_AFTER), BATCH).forEach(this::publish);
    }

    private void publish(DueRun run) {
        try {
            events.publish(run.intent());
            store.markPublished(run.executionId(), clock.instant());
            LOG.infof("Schedule run %s started (%s for user %s)", run.executionId(), run.intent().intent(),
                    run.intent().userId());
        } catch (RuntimeException e) {
            LOG.warnf("Run %s not published yet, retried by the sweep: %s", run.executionId(), e.getMessage());
        }
    }
}
