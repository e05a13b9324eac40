package io.autoflow.orchestrator.messaging;

import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.orchestrator.domain.Execution;
import io.autoflow.orchestrator.metrics.JobMetrics;
import io.autoflow.orchestrator.service.ExecutionService;
import io.autoflow.orchestrator.service.WorkflowRequests;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Once a change is committed, sends what it created or changed besides its own job (a workflow run's next step, the
 * run itself): a new step's request to its service, a notify step's hand-over, each job's update and meters. A send
 * that does not reach Kafka is not lost: the sweeps send a queued job, and a hand-over without a report, again.
 */
@ApplicationScoped
public class FollowUps {

    private final WorkflowDispatcher dispatcher;
    private final HandoverPublisher handovers;
    private final JobUpdatePublisher updates;
    private final JobMetrics metrics;

    public FollowUps(WorkflowDispatcher dispatcher, HandoverPublisher handovers, JobUpdatePublisher updates,
            JobMetrics metrics) {
        this.dispatcher = dispatcher;
        this.handovers = handovers;
        this.updates = updates;
        this.metrics = metrics;
    }

    public Uni<Void> send(Execution execution) {
        if (execution == null || execution.followUps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(List.copyOf(execution.followUps)).onItem()
                .transformToUniAndConcatenate(this::sendOne).collect().last().replaceWithVoid();
    }

    private Uni<Void> sendOne(Execution job) {
        metrics.observe(job);
        // A job waiting out its backoff (never sent yet) is left to the sweep.
        Uni<Void> sent = job.status == Status.QUEUED && job.attempts > 0
                ? WorkflowRequests.route(ExecutionService.intentOf(job))
                        .map(routed -> dispatcher.dispatch(job.id.toString(), routed))
                        .orElseGet(() -> Uni.createFrom().voidItem())
                : Uni.createFrom().voidItem();
        // A step's job made just now has an id nobody has seen, so nobody follows it yet: no update to send.
        return sent.chain(() -> isNewStep(job) ? Uni.createFrom().voidItem() : updates.changed(job))
                .chain(() -> handovers.handOver(job));
    }

    private static boolean isNewStep(Execution job) {
        return job.recordedNow && job.parentId != null && job.status == Status.QUEUED;
    }
}
