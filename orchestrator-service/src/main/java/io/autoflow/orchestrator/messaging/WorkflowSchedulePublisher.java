package io.autoflow.orchestrator.messaging;

import io.autoflow.events.EventMessages;
import io.autoflow.events.Topics;
import io.autoflow.events.workflow.WorkflowSchedule;
import io.autoflow.orchestrator.workflow.ScheduleOutbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Tells the scheduler each workflow's schedule ({@code workflow-schedules}, keyed by workflow) from the outbox the
 * workflow's change wrote: right after that change, and every few seconds for what Kafka did not take then. A word
 * sent twice changes nothing (the scheduler keeps the latest by its time); none is lost.
 */
@ApplicationScoped
public class WorkflowSchedulePublisher {

    private static final Logger LOG = Logger.getLogger(WorkflowSchedulePublisher.class);
    private static final int BATCH = 100;
    private static final Duration WAIT = Duration.ofSeconds(2);

    private final MutinyEmitter<WorkflowSchedule> emitter;

    public WorkflowSchedulePublisher(@Channel(Topics.WORKFLOW_SCHEDULES) MutinyEmitter<WorkflowSchedule> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends what waits in the outbox, waiting at most {@link #WAIT}: a save answers at once while Kafka is away (the
     * sweep sends it once Kafka is back). A failure is logged and left for the next time, never the caller's.
     */
    public Uni<Void> publishPending() {
        return sendPending().ifNoItem().after(WAIT).fail().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Workflow schedules not published yet, sent again shortly: %s", failure.getMessage());
            return null;
        });
    }

    @Scheduled(every = "${autoflow.workflows.schedule-publish-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return publishPending();
    }

    @WithTransaction
    Uni<Void> sendPending() {
        return ScheduleOutbox.pending(BATCH)
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(schedule -> emitter.sendMessage(EventMessages.forExecution(
                        schedule.workflowId(), WorkflowSchedule.TYPE, schedule))
                        .chain(() -> ScheduleOutbox.sent(schedule)))
                .collect().last().replaceWithVoid();
    }
}
