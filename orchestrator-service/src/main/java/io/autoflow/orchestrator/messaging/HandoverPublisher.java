package io.autoflow.orchestrator.messaging;

import io.autoflow.events.EventMessages;
import io.autoflow.events.NotificationRequested;
import io.autoflow.orchestrator.domain.Execution;
import io.autoflow.orchestrator.service.ExecutionService;
import io.autoflow.orchestrator.service.Handovers;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Asks notification-service to hand finished jobs to their users. A request is sent right after the job is marked,
 * and sent again by the sweep while no delivery report has come back, so a crash or a Kafka outage in between loses
 * nothing; notification-service accepts each request once.
 */
@ApplicationScoped
public class HandoverPublisher {

    /** Longer than a first attempt normally takes to be reported. */
    private static final Duration RESEND_AFTER = Duration.ofSeconds(30);
    private static final int BATCH = 100;

    private final MutinyEmitter<NotificationRequested> emitter;
    private final ExecutionService executions;

    public HandoverPublisher(@Channel("notifications") MutinyEmitter<NotificationRequested> emitter,
            ExecutionService executions) {
        this.emitter = emitter;
        this.executions = executions;
    }

    /** Sends the job's hand-over if it is waiting for one. */
    public Uni<Void> handOver(Execution execution) {
        if (execution == null || !Handovers.REQUESTED.equals(execution.deliveryStatus)) {
            return Uni.createFrom().voidItem();
        }
        return Handovers.of(execution)
                .map(request -> emitter.sendMessage(EventMessages.forExecution(request.executionId(),
                        NotificationRequested.TYPE, request)))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resendUnanswered() {
        return executions.awaitingHandover(Instant.now().minus(RESEND_AFTER), BATCH)
                .onItem().transformToMulti(list -> io.smallrye.mutiny.Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(this::handOver)
                .collect().last().replaceWithVoid();
    }
}
