package io.autoflow.orchestrator.messaging;

import io.autoflow.events.EventMessages;
import io.autoflow.events.JobUpdated;
import io.autoflow.events.Topics;
import io.autoflow.orchestrator.domain.Execution;
import io.autoflow.orchestrator.rest.ExecutionViews;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Says on {@code job-updates} that a job changed, once the change is stored, so live views (the gateway's job event
 * streams) update at once instead of asking over and over. Best effort: a lost update only delays a view, which
 * still looks on its own now and then; it never fails the work that changed the job.
 */
@ApplicationScoped
public class JobUpdatePublisher {

    private static final Logger LOG = Logger.getLogger(JobUpdatePublisher.class);

    private final MutinyEmitter<JobUpdated> emitter;

    public JobUpdatePublisher(@Channel(Topics.JOB_UPDATES) MutinyEmitter<JobUpdated> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> changed(Execution execution) {
        if (execution == null) {
            return Uni.createFrom().voidItem();
        }
        JobUpdated update = new JobUpdated(execution.id.toString(), execution.userId,
                ExecutionViews.publicStatus(execution), execution.progress, execution.deliveryStatus, Instant.now());
        return emitter.sendMessage(EventMessages.forExecution(update.executionId(), JobUpdated.TYPE, update))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Update of job %s not published: %s", update.executionId(), failure.getMessage());
                    return null;
                });
    }
}
