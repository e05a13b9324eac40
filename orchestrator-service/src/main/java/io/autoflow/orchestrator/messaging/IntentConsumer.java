package io.autoflow.orchestrator.messaging;

import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.orchestrator.metrics.JobMetrics;
import io.autoflow.orchestrator.service.ExecutionService;
import io.autoflow.orchestrator.service.WorkflowRequests;
import io.autoflow.service.failure.TransientRetry;
import io.autoflow.service.failure.UniqueViolation;
import io.autoflow.service.tracing.JobContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Records each intent as a job and routes it to its workflow. The record is committed first and the request sent
 * after; a crash in between redelivers the intent, which finds the job still queued and sends the request again.
 * Workers treat a repeated request as the same job.
 */
@ApplicationScoped
public class IntentConsumer {

    private static final Logger LOG = Logger.getLogger(IntentConsumer.class);

    private final ExecutionService executions;
    private final WorkflowDispatcher dispatcher;
    private final HandoverPublisher handovers;
    private final JobUpdatePublisher updates;
    private final TransientRetry retry;
    private final JobMetrics metrics;
    private final FollowUps followUps;

    public IntentConsumer(ExecutionService executions, WorkflowDispatcher dispatcher, HandoverPublisher handovers,
            JobUpdatePublisher updates, TransientRetry retry, JobMetrics metrics, FollowUps followUps) {
        this.followUps = followUps;
        this.executions = executions;
        this.dispatcher = dispatcher;
        this.handovers = handovers;
        this.updates = updates;
        this.retry = retry;
        this.metrics = metrics;
    }

    @Incoming(Topics.INTENTS)
    public Uni<Void> onIntent(IntentParsed intent) {
        if (intent == null || intent.executionId() == null) {
            throw new MalformedEventException(Topics.INTENTS);
        }
        JobContext.enter(intent.executionId(), intent.userId(), intent.intent());
        LOG.infof("Job %s: intent %s received", intent.executionId(), intent.intent());
        return retry.handle(Topics.INTENTS, "Intent of job " + intent.executionId(), () -> record(intent));
    }

    private Uni<Void> record(IntentParsed intent) {
        // Another replica recording the same intent at this very moment (a partition handed over mid-work) wins the
        // insert: its row is read, and the job goes on as for a redelivery (workers take a repeated request as one).
        return executions.recordQueued(intent)
                .onFailure(UniqueViolation::caused).recoverWithUni(() -> executions.recordQueued(intent))
                .invoke(metrics::observe).chain(execution -> {
            if (execution.status != Status.QUEUED) {
                // A job done at once (a message to send) is handed over now; a redelivery finds it handed over. A
                // run's first step is a follow-up.
                return updates.changed(execution).chain(() -> handovers.handOver(execution))
                        .chain(() -> followUps.send(execution));
            }
            return WorkflowRequests.route(intent)
                    .map(routed -> dispatcher.dispatch(intent.executionId(), routed))
                    .orElseGet(() -> Uni.createFrom().voidItem());
        });
    }
}
