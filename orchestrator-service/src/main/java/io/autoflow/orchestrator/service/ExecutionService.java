package io.autoflow.orchestrator.service;

import io.autoflow.events.DailyProcessing;
import io.autoflow.events.DeliveryEvent;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.JobDelivery;
import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.SendMessage;
import io.autoflow.events.result.NotificationResult;
import io.autoflow.orchestrator.config.RecoveryConfig;
import io.autoflow.orchestrator.domain.Execution;
import io.autoflow.orchestrator.run.WorkflowRuns;
import io.autoflow.service.work.TierProcessingTimes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    private final RecoveryConfig recovery;
    private final WorkflowRuns runs;

    public ExecutionService(TierProcessingTimes limits, RecoveryConfig recovery, WorkflowRuns runs) {
        this.limits = limits;
        this.recovery = recovery;
        this.runs = runs;
    }

    /** What the recovery sweep did: jobs failed (to hand over) and jobs to send to their workers again. */
    public record Recovered(List<Execution> failed, List<Execution> resent) {
    }

    /**
     * Records the job as queued, or as failed with {@code unknown_intent} when no workflow handles it. A message to
     * send needs no worker: it is recorded as completed and waits for its hand-over at once. A workflow's run starts
     * at once: its first step's job is one of its follow-ups. A job already recorded is returned as it is.
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
            execution.recordedNow = true;
            execution.userId = intent.userId();
            execution.workflowType = intent.intent();
            execution.tier = intent.tier();
            execution.status = Status.QUEUED;
            execution.inputData = EventJson.write(intent.parameters());
            execution.createdAt = intent.occurredAt() != null ? intent.occurredAt() : Instant.now();
            execution.updatedAt = Instant.now();
            if (Intents.WORKFLOW_RUN.equals(intent.intent())) {
                return runs.start(execution).chain(() -> execution.<Execution>persist());
            }
            if (Intents.NOTIFICATION.equals(intent.intent())) {
                SendMessage message = EventJson.mapper().convertValue(intent.parameters(), SendMessage.class);
                execution.advance(Status.COMPLETED, Instant.now());
                execution.outputData = EventJson.write(NotificationResult.of(message.message(),
                        message.requestedBy()));
                requestHandover(execution);
            } else if (WorkflowRequests.route(intent).isEmpty()) {
                execution.advance(Status.FAILED, Instant.now());
                execution.error = EventJson.write(ErrorInfo.of("unknown_intent",
                        "No workflow handles the intent '" + intent.intent() + "'"));
            } else {
                execution.deadlineAt = Instant.now().plus(recovery.queueWait());
            }
            return execution.<Execution>persist();
        });
    }

    /**
     * Applies a worker's event; a duplicate, late or unknown-job event changes nothing. A job that finishes and asks
     * for an email or a webhook is marked {@code requested} in the same transaction, so the hand-over cannot be lost.
     * A workflow step's job that ends moves its run on in the same transaction too ({@link WorkflowRuns}).
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
            boolean wasQueued = execution.status == Status.QUEUED;
            if (!execution.advance(event.status(), at, event.startedAt())) {
                return;
            }
            if (event.progress() != null) {
                execution.progress = event.progress();
            }
            if (wasQueued && !execution.status.isTerminal()) {
                execution.deadlineAt = Instant.now().plus(runningTime(execution));
            }
            if (event.status() == Status.COMPLETED) {
                execution.outputData = EventJson.write(event.result());
            } else if (event.status() == Status.FAILED) {
                execution.error = EventJson.write(event.error() != null ? event.error()
                        : ErrorInfo.of("internal_error", "The job failed without a reason"));
            }
            requestHandover(execution);
        }).call(execution -> execution != null && execution.endedNow
                ? runs.stepEnded(execution, execution.status == Status.COMPLETED ? WorkflowRuns.Outcome.DONE
                        : WorkflowRuns.Outcome.failed(EventJson.read(execution.error, ErrorInfo.class)))
                : Uni.createFrom().voidItem());
    }

    /**
     * Cancels the user's workflow run under way ({@link WorkflowRuns#cancel}).
     *
     * @return the run, or null when the user has no such run
     */
    @WithTransaction
    public Uni<Execution> cancelRun(UUID runId, String userId) {
        return runs.cancel(runId, userId);
    }

    /** A finished job that asks for an email or a webhook waits for its hand-over, in the same transaction. */
    private static void requestHandover(Execution execution) {
        if (execution.status.isTerminal() && Handovers.of(execution).isPresent()) {
            execution.deliveryStatus = Handovers.REQUESTED;
            execution.deliveryRequestedAt = Instant.now();
        }
    }

    /**
     * Looks at jobs silent past their deadline (not taken up, or not finished within their tier's processing time and
     * a margin: their worker died, or its outcome was lost): each is sent to its workers again, which answers a
     * finished job with its stored outcome and runs an unfinished one, until it has been sent
     * {@code autoflow.recovery.max-attempts} times; then it fails with {@code worker_lost}. Rows are claimed with
     * {@code FOR UPDATE SKIP LOCKED}, so several orchestrators sweep without doing a job twice.
     */
    @WithTransaction
    public Uni<Recovered> recoverSilent(Instant now, int limit) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT * FROM orchestrator.executions WHERE"
                + " status IN ('QUEUED', 'STARTED', 'PROGRESS') AND deadline_at < ?1 ORDER BY deadline_at LIMIT ?2"
                + " FOR UPDATE SKIP LOCKED", Execution.class).setParameter(1, now).setParameter(2, limit)
                .getResultList()).chain(silent -> {
                    List<Execution> failed = new ArrayList<>();
                    List<Execution> resent = new ArrayList<>();
                    List<Execution> waitedOut = new ArrayList<>();
                    for (Execution execution : silent) {
                        if (execution.attempts < recovery.maxAttempts()) {
                            boolean waited = execution.attempts == 0; // a step's retry whose backoff is over
                            execution.attempts++;
                            execution.deadlineAt = now.plus(execution.status == Status.QUEUED
                                    ? recovery.queueWait() : runningTime(execution));
                            execution.updatedAt = now;
                            resent.add(execution);
                            if (waited) {
                                waitedOut.add(execution);
                            }
                            LOG.infof(waited ? "Job %s: its backoff is over, sent (attempt %d)"
                                    : "Job %s silent past its deadline: sent again (attempt %d)", execution.id,
                                    execution.attempts);
                            continue;
                        }
                        boolean started = execution.status != Status.QUEUED;
                        execution.advance(Status.FAILED, now);
                        execution.error = EventJson.write(new ErrorInfo("worker_lost", (started
                                ? "The job's worker stopped answering" : "No worker took the job up") + " in "
                                + execution.attempts + " attempts", EventJson.mapper().createObjectNode()
                                        .put("attempts", execution.attempts)));
                        requestHandover(execution);
                        failed.add(execution);
                        LOG.infof("Job %s failed: silent after %d attempts", execution.id, execution.attempts);
                    }
                    Uni<Void> runsMoved = Uni.createFrom().voidItem();
                    for (Execution sent : waitedOut) {
                        runsMoved = runsMoved.chain(() -> runs.stepSent(sent));
                    }
                    for (Execution lost : failed) {
                        runsMoved = runsMoved.chain(() -> runs.stepEnded(lost,
                                WorkflowRuns.Outcome.failed(EventJson.read(lost.error, ErrorInfo.class))));
                    }
                    return runsMoved.replaceWith(new Recovered(failed, resent));
                });
    }

    /** How long a started job may take before it counts as silent: its tier's time, and a margin to hear so. */
    private Duration runningTime(Execution execution) {
        return limits.of(execution.tier).plus(recovery.margin());
    }

    /** The intent a job was recorded from, to send it to its workers again. */
    public static IntentParsed intentOf(Execution execution) {
        return new IntentParsed(execution.id.toString(), execution.userId, execution.tier, execution.workflowType,
                EventJson.read(execution.inputData, com.fasterxml.jackson.databind.JsonNode.class),
                execution.createdAt);
    }

    /**
     * Records how a delivery attempt went; once delivered or failed, later reports change nothing.
     *
     * @return the job (null when unknown)
     */
    @WithTransaction
    public Uni<Execution> applyDelivery(DeliveryEvent event) {
        return Execution.<Execution>findById(UUID.fromString(event.executionId())).chain(execution -> {
            if (execution == null || Handovers.isFinal(execution.deliveryStatus)) {
                return Uni.createFrom().item(execution);
            }
            execution.deliveryStatus = event.status().name().toLowerCase(Locale.ROOT);
            execution.delivery = EventJson.write(new JobDelivery(event.channel(), event.target(), event.attempt(),
                    event.occurredAt(), event.nextAttemptAt(), event.error()));
            execution.updatedAt = Instant.now();
            if (execution.parentId == null || !Handovers.isFinal(execution.deliveryStatus)) {
                return Uni.createFrom().item(execution);
            }
            // A workflow's notify step is done once its message is delivered, or has failed for good.
            return runs.stepEnded(execution, Handovers.DELIVERED.equals(execution.deliveryStatus)
                    ? WorkflowRuns.Outcome.DONE
                    : WorkflowRuns.Outcome.failed(event.error() != null ? event.error()
                            : ErrorInfo.of("delivery_failed", "The message could not be delivered")))
                    .replaceWith(execution);
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

    @WithSession
    public Uni<List<DailyProcessing>> processingByDay(String userId, int days) {
        Instant since = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L)
                .atStartOfDay(ZoneOffset.UTC).toInstant();
        // A run's time is its steps' (each a job of its own): counted once.
        return Execution.<Execution>find("userId = ?1 and completedAt >= ?2 and startedAt is not null"
                + " and workflowType <> ?3", userId, since, Intents.WORKFLOW_RUN)
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
    /** Those of the user's jobs that are named (in no particular order); another user's are not found. */
    public Uni<List<Execution>> byIds(String userId, List<java.util.UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Execution.<Execution>find("userId = ?1 and id in ?2", userId, ids).list();
    }

    public Uni<List<Execution>> list(String userId, int limit, int page) {
        // A workflow step's job is listed in its run's result, not among the user's jobs.
        return Execution.<Execution>find("userId = ?1 and parentId is null order by createdAt desc, id", userId)
                .page(page, limit).list();
    }
}
