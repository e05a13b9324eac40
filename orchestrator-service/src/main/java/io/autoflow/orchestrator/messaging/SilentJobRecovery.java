package io.autoflow.orchestrator.messaging;

import io.autoflow.orchestrator.domain.Execution;
import io.autoflow.orchestrator.metrics.JobMetrics;
import io.autoflow.orchestrator.service.ExecutionService;
import io.autoflow.orchestrator.service.WorkflowRequests;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Every few seconds, finds jobs silent past their deadline ({@link ExecutionService#recoverSilent}): sends each to its
 * workers again, or hands over the ones that failed. Sending happens after the sweep's transaction: a send that does
 * not reach Kafka leaves the job silent, and the next sweep sends it again.
 */
@ApplicationScoped
public class SilentJobRecovery {

    private static final int BATCH = 100;

    private final ExecutionService executions;
    private final WorkflowDispatcher dispatcher;
    private final HandoverPublisher handovers;
    private final JobUpdatePublisher updates;
    private final JobMetrics metrics;
    private final FollowUps followUps;

    public SilentJobRecovery(ExecutionService executions, WorkflowDispatcher dispatcher, HandoverPublisher handovers,
            JobUpdatePublisher updates, JobMetrics metrics, FollowUps followUps) {
        this.followUps = followUps;
        this.executions = executions;
        this.dispatcher = dispatcher;
        this.handovers = handovers;
        this.updates = updates;
        this.metrics = metrics;
    }

    @Scheduled(every = "${autoflow.recovery.check-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recover() {
        return executions.recoverSilent(Instant.now(), BATCH)
                .invoke(recovered -> recovered.failed().forEach(metrics::observe))
                .chain(recovered -> each(recovered.resent(),
                execution -> WorkflowRequests.route(ExecutionService.intentOf(execution))
                        .map(routed -> dispatcher.dispatch(execution.id.toString(), routed)
                                .chain(() -> updates.changed(execution)).chain(() -> followUps.send(execution)))
                        .orElseGet(() -> Uni.createFrom().voidItem()))
                .chain(() -> each(recovered.failed(),
                        execution -> updates.changed(execution).chain(() -> handovers.handOver(execution))
                                .chain(() -> followUps.send(execution)))));
    }

    private static Uni<Void> each(List<Execution> executions, java.util.function.Function<Execution, Uni<Void>> work) {
        return Multi.createFrom().iterable(executions).onItem().transformToUniAndConcatenate(work::apply)
                .collect().last().replaceWithVoid();
    }
}
