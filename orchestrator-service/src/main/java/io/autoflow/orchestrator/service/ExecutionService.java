package io.autoflow.orchestrator.service;

import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.events.IntentParsed;
import io.autoflow.orchestrator.domain.Execution;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Records jobs and moves them through their lifecycle. Every operation is safe to repeat. */
@ApplicationScoped
public class ExecutionService {

    private static final Logger LOG = Logger.getLogger(ExecutionService.class);

    /**
     * Records the job as queued, or as failed with {@code unknown_intent} when no workflow handles it. A job already
     * recorded is returned as it is.
     */
    @WithTransaction
    public Uni<Execution> recordQueued(IntentParsed intent) {
        UUID id = UUID.fromString(intent.executionId());
        return Execution.<Execution>findById(id).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            Execution execution = new Execution();
            execution.id = id;
            execution.userId = intent.userId();
            execution.workflowType = intent.intent();
            execution.tier = intent.tier();
            execution.status = Status.QUEUED;
            execution.inputData = EventJson.write(intent.parameters());
            execution.createdAt = intent.occurredAt() != null ? intent.occurredAt() : Instant.now();
            execution.updatedAt = Instant.now();
            if (WorkflowRequests.route(intent).isEmpty()) {
                execution.advance(Status.FAILED, Instant.now());
                execution.error = EventJson.write(ErrorInfo.of("unknown_intent",
                        "No workflow handles the intent '" + intent.intent() + "'"));
            }
            return execution.<Execution>persist();
        });
    }

    /** Applies a worker's event; a duplicate, late or unknown-job event changes nothing. */
    @WithTransaction
    public Uni<Void> apply(ExecutionEvent event) {
        return Execution.<Execution>findById(UUID.fromString(event.executionId())).invoke(execution -> {
            if (execution == null) {
                LOG.warnf("Event %s for unknown execution %s ignored", event.eventId(), event.executionId());
                return;
            }
            Instant at = event.occurredAt() != null ? event.occurredAt() : Instant.now();
            if (!execution.advance(event.status(), at)) {
                return;
            }
            if (event.progress() != null) {
                execution.progress = event.progress();
            }
            if (event.status() == Status.COMPLETED) {
                execution.outputData = EventJson.write(event.result());
            } else if (event.status() == Status.FAILED) {
                execution.error = EventJson.write(event.error() != null ? event.error()
                        : ErrorInfo.of("internal_error", "The job failed without a reason"));
            }
        }).replaceWithVoid();
    }

    /** The user's job, or {@code null} when there is none or it belongs to someone else. */
    @WithSession
    public Uni<Execution> find(UUID id, String userId) {
        return Execution.<Execution>findById(id).map(e -> e != null && e.userId.equals(userId) ? e : null);
    }

    @WithSession
    public Uni<List<Execution>> list(String userId, int limit) {
        return Execution.<Execution>find("userId = ?1 order by createdAt desc", userId).page(0, limit).list();
    }
}
