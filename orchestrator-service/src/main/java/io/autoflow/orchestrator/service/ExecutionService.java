package io.autoflow.orchestrator.service;

import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.SendMessage;
import io.autoflow.orchestrator.domain.Execution;
import io.autoflow.service.work.TierProcessingTimes;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/** Records jobs and moves them through their lifecycle. Every operation is safe to repeat. */
@ApplicationScoped
public class ExecutionService {

    private static final Logger LOG = Logger.getLogger(ExecutionService.class);

    private final TierProcessingTimes limits;

    public ExecutionService(TierProcessingTimes limits) {
        this.limits = limits;
    }

    /**
     * Records the job as queued, or as failed with {@code unknown_intent} when no workflow handles it. A message to
     * send needs no worker: it is recorded as completed and waits for its hand-over at once. A job already recorded
     * is returned as it is.
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
            if (Intents.NOTIFICATION.equals(intent.intent())) {
                SendMessage message = EventJson.mapper().convertValue(intent.parameters(), SendMessage.class);
                execution.advance(Status.COMPLETED, Instant.now());
                var result = EventJson.mapper().createObjectNode().put("message", message.message())
                        .put("requested_by", message.requestedBy());
                result.putObject("narrative").put("text", message.message());
                execution.outputData = result.toString();
                requestHandover(execution);
            } else if (WorkflowRequests.route(intent).isEmpty()) {
                execution.advance(Status.FAILED, Instant.now());
                execution.error = EventJson.write(ErrorInfo.of("unknown_intent",
                        "No workflow handles the intent '" + intent.intent() + "'"));
            }
            return execution.<Execution>persist();
        });
    }

    /**
     * Applies a worker's event; a duplicate, late or unknown-job event changes nothing. A job that finishes and asks
     * for an email or a webhook is marked {@code requested} in the same transaction, so the hand-over cannot be lost.
     *
     * @return the job (null when unknown), for the caller to hand over when it is {@code requested}
     */
    @WithTransaction
    public Uni<Execution> apply(ExecutionEvent event) {
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
            if (execution.deadlineAt == null && !execution.status.isTerminal() && execution.startedAt != null) {
                execution.deadlineAt = execution.startedAt.plus(limits.of(execution.tier));
            }
            if (event.status() == Status.COMPLETED) {
                execution.outputData = EventJson.write(event.result());
            } else if (event.status() == Status.FAILED) {
                execution.error = EventJson.write(event.error() != null ? event.error()
                        : ErrorInfo.of("internal_error", "The job failed without a reason"));
            }
            requestHandover(execution);
        });
    }

    /** A finished job that asks for an email or a webhook waits for its hand-over, in the same transaction. */
    private static void requestHandover(Execution execution) {
        if (execution.status.isTerminal() && Handovers.of(execution).isPresent()) {
            execution.deliveryStatus = Handovers.REQUESTED;
            execution.deliveryRequestedAt = Instant.now();
        }
    }

    /**
     * Fails running jobs that have passed their tier's processing time with {@code processing_timeout}; whatever their
     * worker reports later changes nothing.
     *
     * @return the jobs failed, for their hand-over
     */
    @WithTransaction
    public Uni<List<Execution>> failOverdue(Instant now, int limit) {
        return Execution.<Execution>find("status in ?1 and deadlineAt < ?2 order by deadlineAt",
                List.of(Status.STARTED, Status.PROGRESS), now).page(0, limit).list().invoke(overdue -> {
                    for (Execution execution : overdue) {
                        Duration allowed = Duration.between(execution.startedAt, execution.deadlineAt);
                        execution.advance(Status.FAILED, now);
                        execution.error = EventJson.write(TierProcessingTimes.timeoutError(execution.tier, allowed));
                        requestHandover(execution);
                        LOG.infof("Job %s failed: past its %d s processing time", execution.id, allowed.toSeconds());
                    }
                });
    }

    /**
     * Records how a delivery attempt went; once delivered or failed, later reports change nothing.
     *
     * @return the job (null when unknown)
     */
    @WithTransaction
    public Uni<Execution> applyDelivery(DeliveryEvent event) {
        return Execution.<Execution>findById(UUID.fromString(event.executionId())).invoke(execution -> {
            if (execution == null || Handovers.isFinal(execution.deliveryStatus)) {
                return;
            }
            execution.deliveryStatus = event.status().name().toLowerCase(Locale.ROOT);
            var delivery = EventJson.mapper().createObjectNode()
                    .put("channel", event.channel())
                    .put("target", event.target())
                    .put("attempts", event.attempt())
                    .put("updated_at", String.valueOf(event.occurredAt()));
            if (event.nextAttemptAt() != null) {
                delivery.put("next_attempt_at", event.nextAttemptAt().toString());
            }
            if (event.error() != null) {
                delivery.set("error", EventJson.mapper().valueToTree(event.error()));
            }
            execution.delivery = delivery.toString();
            execution.updatedAt = Instant.now();
        });
    }

    /** Jobs whose hand-over was asked for a while ago with no word back: the request may not have reached Kafka. */
    @WithTransaction
    public Uni<List<Execution>> awaitingHandover(Instant askedBefore, int limit) {
        return Execution.<Execution>find("deliveryStatus = ?1 and deliveryRequestedAt < ?2 order by deliveryRequestedAt",
                Handovers.REQUESTED, askedBefore).page(0, limit).list()
                .invoke(list -> list.forEach(e -> e.deliveryRequestedAt = Instant.now()));
    }

    /** Removes every job record of a user who asked to be forgotten. */
    @WithTransaction
    public Uni<Void> forget(String userId) {
        return Execution.delete("userId", userId).invoke(count -> LOG.infof("Forgot %d jobs of a deleted user", count))
                .replaceWithVoid();
    }

    /** The user's job, or {@code null} when there is none or it belongs to someone else. */
    @WithSession
    public Uni<Execution> find(UUID id, String userId) {
        return Execution.<Execution>findById(id).map(e -> e != null && e.userId.equals(userId) ? e : null);
    }

    /** Processing time of one day's finished jobs (from start to end). */
    public record DailyProcessing(LocalDate day, long jobs, double processingSeconds) {
    }

    @WithSession
    public Uni<List<DailyProcessing>> processingByDay(String userId, int days) {
        Instant since = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        return Execution.<Execution>find("userId = ?1 and completedAt >= ?2 and startedAt is not null", userId, since)
                .list().map(finished -> finished.stream()
                        .collect(Collectors.groupingBy(
                                e -> LocalDate.ofInstant(e.completedAt, ZoneOffset.UTC),
                                TreeMap::new, Collectors.toList()))
                        .entrySet().stream()
                        .map(day -> new DailyProcessing(day.getKey(), day.getValue().size(), day.getValue().stream()
                                .mapToLong(e -> Duration.between(e.startedAt, e.completedAt).toMillis())
                                .sum() / 1000.0))
                        .toList());
    }

    @WithSession
    public Uni<List<Execution>> list(String userId, int limit, int page) {
        return Execution.<Execution>find("userId = ?1 order by createdAt desc, id", userId).page(page, limit).list();
    }
}
