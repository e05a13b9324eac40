package io.autoflow.orchestrator.messaging;

import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.orchestrator.metrics.JobMetrics;
import io.autoflow.orchestrator.service.ExecutionService;
import io.autoflow.service.failure.TransientRetry;
import io.autoflow.service.tracing.JobContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Follows the workers' events and keeps each job's record up to date. */
@ApplicationScoped
public class ExecutionEventConsumer {

    private static final Logger LOG = Logger.getLogger(ExecutionEventConsumer.class);

    private final ExecutionService executions;
    private final HandoverPublisher handovers;
    private final JobUpdatePublisher updates;
    private final TransientRetry retry;
    private final JobMetrics metrics;
    private final FollowUps followUps;

    public ExecutionEventConsumer(ExecutionService executions, HandoverPublisher handovers,
            JobUpdatePublisher updates, TransientRetry retry, JobMetrics metrics, FollowUps followUps) {
        this.followUps = followUps;
        this.executions = executions;
        this.handovers = handovers;
        this.updates = updates;
        this.retry = retry;
        this.metrics = metrics;
    }

    @Incoming(Topics.EXECUTION_EVENTS)
    public Uni<Void> onEvent(ExecutionEvent event) {
        if (event == null || event.executionId() == null || event.status() == null) {
            throw new MalformedEventException(Topics.EXECUTION_EVENTS);
        }
        JobContext.enter(event.executionId(), null, null);
        LOG.infof("Job %s: %s", event.executionId(), event.status());
        // A redelivered event finds the job still waiting for its hand-over and sends it again: nothing is lost.
        return retry.handle(Topics.EXECUTION_EVENTS, "Event of job " + event.executionId(),
                () -> executions.apply(event).invoke(metrics::observe).call(updates::changed)
                        .call(handovers::handOver).chain(followUps::send));
    }
}
