package io.autoflow.orchestrator.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.autoflow.events.CodedException;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent.Status;
import io.autoflow.events.Intents;
import io.autoflow.events.result.StoredFile;
import io.autoflow.events.result.WorkflowRunResult;
import io.autoflow.events.result.WorkflowRunResult.StepRun;
import io.autoflow.events.workflow.RetryPolicy;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.events.workflow.WorkflowTrigger;
import io.autoflow.events.workflow.WorkflowStep;
import io.autoflow.orchestrator.config.RecoveryConfig;
import io.autoflow.orchestrator.domain.Execution;
import io.autoflow.orchestrator.domain.Ids;
import io.autoflow.orchestrator.service.Handovers;
import io.autoflow.orchestrator.workflow.WorkflowLimits;
import io.autoflow.orchestrator.workflow.WorkflowService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Drives workflow runs (issue 18). A run is a job whose result lists its steps; each step's attempt is a job of its
 * own, sent to its service like any job, so it has what every job has: idempotent workers, waiting out our own
 * infrastructure's faults, the silent-job sweep, metrics and traces. Every method runs inside its caller's
 * transaction: the step's end, the run's record of it and the next step's job are committed together (the run's row
 * locked), and what must be sent goes in the follow-ups, sent after the commit. A lost send leaves a queued job that
 * the sweep sends; a redelivered event finds its job already ended and changes nothing.
 */
@ApplicationScoped
public class WorkflowRuns {

    private static final Logger LOG = Logger.getLogger(WorkflowRuns.class);
    /** What a step names as its input to read the trigger's payload. */
    private static final String TRIGGER = "trigger";

    private final WorkflowService workflows;
    private final WorkflowLimits limits;
    private final RecoveryConfig recovery;

    public WorkflowRuns(WorkflowService workflows, WorkflowLimits limits, RecoveryConfig recovery) {
        this.workflows = workflows;
        this.limits = limits;
        this.recovery = recovery;
    }

    /** How a step's job ended, as far as its run is concerned. */
    public record Outcome(ErrorInfo error) {

        public static final Outcome DONE = new Outcome(null);

        public static Outcome failed(ErrorInfo error) {
            return new Outcome(error != null ? error : ErrorInfo.of("internal_error", "The step failed"));
        }

        boolean completed() {
            return error == null;
        }
    }

    /**
     * Starts a run being recorded: pins the revision's definition in its input, lists its steps, and makes the first
     * step's job (a follow-up of the run). A workflow gone meanwhile fails the run with {@code workflow_not_found}, and a
     * run past the tier's runs a day with {@code run_limit_reached}.
     */
    public Uni<Void> start(Execution run) {
        RunWorkflow asked = EventJson.read(run.inputData, RunWorkflow.class);
        run.advance(Status.STARTED, Instant.now());
        UUID workflowId = Ids.uuidOrNull(asked.workflowId());
        if (workflowId == null) {
            return failAtStart(run, asked, new CodedException("workflow_not_found", "No such workflow"));
        }
        // A schedule or a webhook of a workflow disabled since is refused (workflow_disabled); a person's ask is not.
        boolean byItsTrigger = asked.rerunOf() == null && !WorkflowTrigger.MANUAL.equals(asked.trigger());
        return withinDailyRuns(run).chain(() -> workflows.revision(run.userId, workflowId, asked.revision(),
                byItsTrigger))
                .onItemOrFailure().transformToUni((definition, failure) -> {
                    if (failure instanceof CodedException refused) {
                        return failAtStart(run, asked, refused);
                    }
                    if (failure != null) {
                        return Uni.createFrom().failure(failure);
                    }
                    return begin(run, asked.withDefinition(definition));
                });
    }

    /** The tier's runs a day ({@link WorkflowLimits#runsPerDay}), counted since the UTC day began. */
    private Uni<Void> withinDailyRuns(Execution run) {
        int max = limits.runsPerDay(run.tier);
        if (max < 0) {
            return Uni.createFrom().voidItem();
        }
        Instant dayStart = java.time.LocalDate.now(java.time.ZoneOffset.UTC).atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant();
        return Execution.count("userId = ?1 and workflowType = ?2 and createdAt >= ?3", run.userId,
                Intents.WORKFLOW_RUN, dayStart).invoke(count -> {
                    if (count >= max) {
                        throw new CodedException("run_limit_reached", "Your " + run.tier + " tier starts at most "
                                + max + " workflow runs a day; the next can start after midnight UTC",
                                JsonNodeFactory.instance.objectNode().put("runs_per_day", max));
                    }
                }).replaceWithVoid();
    }

    private Uni<Void> begin(Execution run, RunWorkflow asked) {
        run.inputData = EventJson.write(asked);
        List<StepRun> steps = asked.definition().steps().stream()
                .map(step -> StepRun.pending(step.name(), typeOf(step))).toList();
        RunState state = new RunState(run, run, asked, steps);
        if (asked.rerunOf() == null) {
            return proceed(state, 0);
        }
        return reuse(state).onItemOrFailure().transformToUni((from, failure) -> {
            if (failure instanceof CodedException refused) {
                return fail(state, null, refused.toErrorInfo());
            }
            return failure != null ? Uni.createFrom().failure(failure) : proceed(state, from);
        });
    }

    /**
     * A rerun takes the earlier run's steps that completed before its failed one as they are, and starts at the
     * failed one: the same user's failed run of the same workflow's same revision, with its payload unless given one.
     *
     * @return the index of the first step to run
     */
    private static Uni<Integer> reuse(RunState state) {
        UUID earlierId = Ids.uuidOrNull(state.asked.rerunOf());
        Uni<Execution> found = earlierId == null ? Uni.createFrom().nullItem() : Execution.findById(earlierId);
        return found.map(earlier -> {
            RunWorkflow before = earlier == null ? null : EventJson.read(earlier.inputData, RunWorkflow.class);
            if (earlier == null || !earlier.userId.equals(state.run.userId)
                    || !Intents.WORKFLOW_RUN.equals(earlier.workflowType) || before == null
                    || !state.asked.workflowId().equals(before.workflowId())
                    || state.asked.revision() != before.revision()) {
                throw new CodedException("rerun_not_possible", "The run to start again from is not a run of this"
                        + " workflow's revision " + state.asked.revision());
            }
            if (earlier.status != Status.FAILED) {
                throw new CodedException("rerun_not_possible", "Only a failed run starts again from its failed step");
            }
            if (state.asked.payload() == null && before.payload() != null) {
                // Started again with the payload it had (its file too), unless given another.
                state.asked = state.asked.withPayload(before.payload(), before.payloadFile());
                state.run.inputData = EventJson.write(state.asked);
            }
            WorkflowRunResult result = EventJson.read(earlier.outputData, WorkflowRunResult.class);
            int from = 0;
            for (StepRun step : result.steps()) {
                if (step.fallbackFor() != null) {
                    continue;
                }
                if (!WorkflowRunResult.COMPLETED.equals(step.status()) || from >= state.steps.size()) {
                    break;
                }
                state.steps.set(from++, step.asReused());
            }
            return from;
        });
    }

    /**
     * Records how a step's job ended in its run and goes on: the next step, the step again after its backoff, its
     * fallback, or the run's end. An earlier attempt's job, or a run already ended (cancelled), changes nothing.
     */
    public Uni<Void> stepEnded(Execution job, Outcome outcome) {
        if (job.parentId == null) {
            return Uni.createFrom().voidItem();
        }
        return Execution.<Execution>findById(job.parentId, LockModeType.PESSIMISTIC_WRITE).chain(run -> {
            if (run == null || run.status.isTerminal()) {
                return Uni.createFrom().voidItem();
            }
            RunState state = RunState.of(run, job);
            int at = state.entryWithJob(job.id);
            // Another attempt's job, or this one's end already recorded (the same event handled twice at once).
            if (at < 0 || state.steps.get(at).isFinished()) {
                return Uni.createFrom().voidItem();
            }
            StepRun entry = state.steps.get(at);
            boolean message = Intents.NOTIFICATION.equals(job.workflowType);
            Instant started = message ? job.createdAt : job.startedAt;
            Instant ended = message || job.completedAt == null ? Instant.now() : job.completedAt;
            Long duration = started == null ? null : Duration.between(started, ended).toMillis();
            if (outcome.completed()) {
                StoredFile made = message ? null : StepFiles.of(job.workflowType, job.outputData);
                state.steps.set(at, entry.ended(WorkflowRunResult.COMPLETED, started, duration,
                        made == null ? null : made.sizeBytes(), null, null));
                if (entry.fallbackFor() != null) {
                    return afterFallback(state, entry.fallbackFor());
                }
                return proceed(state, state.indexInDefinition(entry.name()) + 1);
            }
            ErrorInfo error = outcome.error();
            state.steps.set(at, entry.ended(WorkflowRunResult.FAILED, started, duration, null, error.code(),
                    error.message()));
            if (entry.fallbackFor() != null) {
                return afterFallback(state, entry.fallbackFor());
            }
            int index = state.indexInDefinition(entry.name());
            WorkflowStep step = state.definition().get(index);
            RetryPolicy retry = step.retry() == null ? RetryPolicy.NONE : step.retry();
            return finishedSteps(state).chain(finished -> {
                if (entry.attempt() >= retry.attempts()) {
                    return afterFailure(state, step, error, finished);
                }
                try {
                    Execution next = StepJobs.make(state.run, state.asked, step, step.name(), index,
                            entry.attempt() + 1, RunContext.of(state.run, state.asked, finished, null, null),
                            files(state.asked, finished));
                    // notification-service spaces a message's own attempts; another attempt here goes at once.
                    Duration backoff = Intents.NOTIFICATION.equals(next.workflowType) ? Duration.ZERO
                            : Duration.ofSeconds((long) retry.backoff() << Math.min(entry.attempt() - 1, 20));
                    LOG.infof("Run %s: step %s failed (%s), attempt %d of %d in %s", state.run.id, step.name(),
                            error.code(), entry.attempt() + 1, retry.attempts(), backoff);
                    return launch(state, at, next, entry.attempt() + 1, backoff);
                } catch (CodedException e) {
                    state.steps.set(at, state.steps.get(at).ended(WorkflowRunResult.FAILED, null, null, null,
                            e.code(), e.getMessage()));
                    return afterFailure(state, step, e.toErrorInfo(), finished);
                }
            });
        });
    }

    /** A step's attempt that waited out its backoff has been sent: its run shows it running. */
    public Uni<Void> stepSent(Execution job) {
        if (job.parentId == null) {
            return Uni.createFrom().voidItem();
        }
        return Execution.<Execution>findById(job.parentId, LockModeType.PESSIMISTIC_WRITE).invoke(run -> {
            if (run == null || run.status.isTerminal()) {
                return;
            }
            RunState state = RunState.of(run, job);
            int at = state.entryWithJob(job.id);
            if (at >= 0 && WorkflowRunResult.WAITING.equals(state.steps.get(at).status())) {
                state.steps.set(at, state.steps.get(at).withStatus(WorkflowRunResult.RUNNING));
                state.save();
            }
        }).replaceWithVoid();
    }

    /**
     * Cancels the user's run under way: the run and its unfinished step's job fail with {@code cancelled}; events
     * still coming from a worker change nothing.
     *
     * @return the run, or null when the user has no such run
     * @throws CodedException {@code run_finished} when it has already ended, {@code not_cancellable} for another
     *         kind of job
     */
    public Uni<Execution> cancel(UUID runId, String userId) {
        return Execution.<Execution>findById(runId, LockModeType.PESSIMISTIC_WRITE).chain(run -> {
            if (run == null || !run.userId.equals(userId)) {
                return Uni.createFrom().nullItem();
            }
            if (!Intents.WORKFLOW_RUN.equals(run.workflowType)) {
                throw new CodedException("not_cancellable", "Only a workflow's run can be cancelled; this job is "
                        + run.workflowType);
            }
            if (run.status.isTerminal()) {
                throw new CodedException("run_finished", "The run has already ended (" + run.status.name()
                        .toLowerCase(java.util.Locale.ROOT) + ")");
            }
            RunState state = RunState.of(run, run);
            ErrorInfo cancelled = ErrorInfo.of("cancelled", "The run was cancelled");
            List<UUID> unfinished = new ArrayList<>();
            for (int i = 0; i < state.steps.size(); i++) {
                StepRun step = state.steps.get(i);
                if (WorkflowRunResult.RUNNING.equals(step.status()) || WorkflowRunResult.WAITING.equals(step.status())) {
                    unfinished.add(UUID.fromString(step.jobId()));
                    state.steps.set(i, step.ended(WorkflowRunResult.CANCELLED, step.startedAt(), null, null,
                            cancelled.code(), cancelled.message()));
                }
            }
            Uni<List<Execution>> jobs = unfinished.isEmpty() ? Uni.createFrom().item(List.of())
                    : Execution.<Execution>find("id in ?1", unfinished).list();
            return jobs.chain(found -> {
                for (Execution job : found) {
                    if (job.advance(Status.FAILED, Instant.now())) {
                        job.error = EventJson.write(cancelled);
                        run.followUps.add(job);
                    }
                }
                return end(state, Status.FAILED, cancelled);
            }).replaceWith(run);
        });
    }

    /** Makes the step jobs from the {@code from}th on, until one is under way (or the run ends). */
    private Uni<Void> proceed(RunState state, int from) {
        if (from >= state.definition().size()) {
            return end(state, Status.COMPLETED, null);
        }
        return finishedSteps(state).chain(finished -> {
            List<WorkflowStep> definition = state.definition();
            for (int index = from; index < definition.size(); index++) {
                WorkflowStep step = definition.get(index);
                int at = state.entryOf(step.name());
                try {
                    Execution job = StepJobs.make(state.run, state.asked, step, step.name(), index, 1,
                            RunContext.of(state.run, state.asked, finished, null, null), files(state.asked, finished));
                    return launch(state, at, job, 1, Duration.ZERO);
                } catch (CodedException e) {
                    state.steps.set(at, state.steps.get(at).ended(WorkflowRunResult.FAILED, null, null, null,
                            e.code(), e.getMessage()));
                    if (WorkflowStep.CONTINUE.equals(step.onError())) {
                        continue;
                    }
                    return afterFailure(state, step, e.toErrorInfo(), finished);
                }
            }
            return end(state, Status.COMPLETED, null);
        });
    }

    /** A step failed for good: its {@code on_error} decides. */
    private Uni<Void> afterFailure(RunState state, WorkflowStep step, ErrorInfo error, Map<String, Execution> finished) {
        String onError = step.onError() == null ? WorkflowStep.STOP : step.onError();
        if (WorkflowStep.CONTINUE.equals(onError)) {
            return proceed(state, state.indexInDefinition(step.name()) + 1);
        }
        if (!WorkflowStep.FALLBACK.equals(onError) || step.fallback() == null) {
            return fail(state, step.name(), error);
        }
        WorkflowStep.Notify fallback = step.fallback();
        int at = state.entryOf(step.name()) + 1;
        state.steps.add(at, StepRun.pending(fallback.name(), WorkflowStep.NOTIFY).asFallbackFor(step.name()));
        try {
            Execution job = StepJobs.make(state.run, state.asked, fallback, step.name() + "#fallback",
                    state.indexInDefinition(step.name()), 1,
                    RunContext.of(state.run, state.asked, finished, step.name(), error), files(state.asked, finished));
            return launch(state, at, job, 1, Duration.ZERO);
        } catch (CodedException e) {
            state.steps.set(at, state.steps.get(at).ended(WorkflowRunResult.FAILED, null, null, null, e.code(),
                    e.getMessage()));
            return fail(state, step.name(), error);
        }
    }

    /** A fallback step has done its part (or failed to): the run fails with the error of the step it stood for. */
    private Uni<Void> afterFallback(RunState state, String stepName) {
        StepRun failed = state.steps.get(state.entryOf(stepName));
        return fail(state, stepName, new ErrorInfo(failed.errorCode(), failed.errorMessage(), null));
    }

    /** Stores the step's job (sent after the commit, or by the sweep once its backoff is over). */
    private Uni<Void> launch(RunState state, int at, Execution job, int attempt, Duration backoff) {
        Instant now = Instant.now();
        Long inputBytes = sizeRead(job);
        String status = backoff.isZero() ? WorkflowRunResult.RUNNING : WorkflowRunResult.WAITING;
        state.steps.set(at, state.steps.get(at).attempted(status, attempt, job.id.toString(), inputBytes));
        if (Intents.NOTIFICATION.equals(job.workflowType)) {
            job.deliveryStatus = Handovers.REQUESTED;
            job.deliveryRequestedAt = now;
        } else if (backoff.isZero()) {
            job.deadlineAt = now.plus(recovery.queueWait());
        } else {
            // Not sent yet: the sweep sends it once this time has come, as it does a job that was never taken up.
            job.attempts = 0;
            job.deadlineAt = now.plus(backoff);
        }
        state.save();
        state.primary.followUps.add(job);
        return job.persist().replaceWithVoid();
    }

    private Uni<Void> fail(RunState state, String stepName, ErrorInfo error) {
        Integer index = stepName == null ? null : state.indexInDefinition(stepName);
        StepRun step = stepName == null ? null : state.steps.get(state.entryOf(stepName));
        var details = JsonNodeFactory.instance.objectNode();
        if (step != null) {
            details.put("step", stepName).put("step_index", index).put("job_id", step.jobId());
        }
        String message = stepName == null ? error.message()
                : "The step '" + stepName + "' failed: " + error.message();
        return end(state, Status.FAILED, new ErrorInfo(error.code(), message, step == null ? null : details));
    }

    private static Uni<Void> end(RunState state, Status status, ErrorInfo error) {
        for (int i = 0; i < state.steps.size(); i++) {
            if (WorkflowRunResult.PENDING.equals(state.steps.get(i).status())) {
                state.steps.set(i, state.steps.get(i).withStatus(WorkflowRunResult.SKIPPED));
            }
        }
        state.run.advance(status, Instant.now());
        state.run.error = error == null ? null : EventJson.write(error);
        state.save();
        LOG.infof("Run %s %s%s", state.run.id, status.name().toLowerCase(java.util.Locale.ROOT),
                error == null ? "" : ": " + error.code());
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> failAtStart(Execution run, RunWorkflow asked, CodedException refused) {
        run.advance(Status.FAILED, Instant.now());
        run.error = EventJson.write(refused.toErrorInfo());
        run.outputData = EventJson.write(new WorkflowRunResult(asked.workflowId(), asked.revision(),
                asked.trigger(), asked.rerunOf(), List.of(), io.autoflow.events.result.Narrative.of(
                        "The run could not start: " + refused.getMessage())));
        return Uni.createFrom().voidItem();
    }

    /**
     * The jobs of the steps completed so far (reused ones included), by step name. The job whose end moves the run on
     * is at hand already: when it is the only one, nothing is read.
     */
    private static Uni<Map<String, Execution>> finishedSteps(RunState state) {
        Map<String, Execution> byName = new HashMap<>();
        Map<UUID, String> toRead = new HashMap<>();
        for (StepRun step : state.steps) {
            if (step.fallbackFor() == null && WorkflowRunResult.COMPLETED.equals(step.status())) {
                UUID jobId = UUID.fromString(step.jobId());
                if (jobId.equals(state.primary.id)) {
                    byName.put(step.name(), state.primary);
                } else {
                    toRead.put(jobId, step.name());
                }
            }
        }
        if (toRead.isEmpty()) {
            return Uni.createFrom().item(byName);
        }
        return Execution.<Execution>find("id in ?1", List.copyOf(toRead.keySet())).list().map(jobs -> {
            jobs.forEach(job -> byName.put(toRead.get(job.id), job));
            return byName;
        });
    }

    /** The files a step may read: each finished step's, and the trigger's payload as a JSON file. */
    private static Map<String, StoredFile> files(RunWorkflow asked, Map<String, Execution> finished) {
        Map<String, StoredFile> files = new HashMap<>();
        if (asked.payloadFile() != null) {
            files.put(TRIGGER, asked.payloadFile());
        }
        finished.forEach((name, job) -> {
            StoredFile file = StepFiles.of(job.workflowType, job.outputData);
            if (file != null) {
                files.put(name, file);
            }
        });
        return files;
    }

    private static Long sizeRead(Execution job) {
        long size = EventJson.read(job.inputData, com.fasterxml.jackson.databind.JsonNode.class).path("sizeBytes")
                .asLong(0);
        return size > 0 ? size : null;
    }

    static String typeOf(WorkflowStep step) {
        if (step instanceof WorkflowStep.Http) {
            return WorkflowStep.HTTP;
        }
        if (step instanceof WorkflowStep.Transform) {
            return WorkflowStep.TRANSFORM;
        }
        if (step instanceof WorkflowStep.Analyse) {
            return WorkflowStep.ANALYSE;
        }
        return step instanceof WorkflowStep.Convert ? WorkflowStep.CONVERT : WorkflowStep.NOTIFY;
    }
}
