package io.autoflow.orchestrator.messaging;

import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.orchestrator.service.ExecutionService;
import io.autoflow.service.failure.TransientRetry;
import io.autoflow.service.tracing.JobContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Follows notification-service's delivery reports and keeps each job's delivery status. */
@ApplicationScoped
public class DeliveryEventConsumer {

    private final ExecutionService executions;
    private final JobUpdatePublisher updates;
    private final TransientRetry retry;
    private final FollowUps followUps;

    public DeliveryEventConsumer(ExecutionService executions, JobUpdatePublisher updates, TransientRetry retry,
            FollowUps followUps) {
        this.executions = executions;
        this.updates = updates;
        this.retry = retry;
        this.followUps = followUps;
    }

    @Incoming(Topics.DELIVERY_EVENTS)
    public Uni<Void> onDelivery(DeliveryEvent event) {
        if (event == null || event.executionId() == null || event.status() == null) {
            throw new MalformedEventException(Topics.DELIVERY_EVENTS);
        }
        JobContext.enter(event.executionId(), null, null);
        return retry.handle(Topics.DELIVERY_EVENTS, "Delivery report for job " + event.executionId(),
                () -> executions.applyDelivery(event).call(updates::changed).chain(followUps::send));
    }
}
