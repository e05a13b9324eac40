package io.autoflow.orchestrator.messaging;

import io.autoflow.orchestrator.service.ExecutionService;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Every few seconds, fails the running jobs past their tier's processing time and hands them over. */
@ApplicationScoped
public class ProcessingDeadlines {

    private static final int BATCH = 100;

    private final ExecutionService executions;
    private final HandoverPublisher handovers;
    private final JobUpdatePublisher updates;

    public ProcessingDeadlines(ExecutionService executions, HandoverPublisher handovers, JobUpdatePublisher updates) {
        this.executions = executions;
        this.handovers = handovers;
        this.updates = updates;
    }

    @Scheduled(every = "${autoflow.processing-deadline.check-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> failOverdue() {
        return executions.failOverdue(Instant.now(), BATCH)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(execution -> updates.changed(execution)
                        .chain(() -> handovers.handOver(execution)))
                .collect().last().replaceWithVoid();
    }
}
