package io.autoflow.scheduler.service;

import io.autoflow.events.CronExpression;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Intents;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.ScheduleView;
import io.autoflow.events.workflow.RunWorkflow;
import io.autoflow.events.workflow.WorkflowSchedule;
import io.autoflow.events.workflow.WorkflowTrigger;
import io.autoflow.scheduler.store.DueRun;
import io.autoflow.scheduler.store.ScheduledTask;
import io.autoflow.scheduler.store.TaskStore;
import io.autoflow.service.schedule.ScheduleRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a schedule is and does: checked when it is asked for (the expression parses, the zone exists, the task is one
 * the platform can repeat, the tier allows it), and, when due, one run and the time of the next. A run missed while
 * the scheduler was down runs once when it is back; the other missed times are counted, not run.
 */
@ApplicationScoped
public class Schedules {

    /** What a schedule can repeat: each run must stand on its own parameters. */
    static final Set<String> REPEATABLE = Set.of(Intents.API_AUTOMATION, Intents.NOTIFICATION,
            Intents.DOCUMENT_ANALYTICS, Intents.DATA_TRANSFORM);
    /**
     * The tasks on a document, repeated only with the document's web address ({@code sourceUrl}), which each run
     * fetches: a document stored once would give the same result every time. In words, by task.
     */
    private static final Map<String, String> ON_A_DOCUMENT = Map.of(Intents.DOCUMENT_ANALYTICS, "analysis",
            Intents.DATA_TRANSFORM, "conversion");
    private static final int NEXT_RUNS_SHOWN = 3;

    private final TaskStore store;
    private final SchedulerConfig config;
    private final ScheduleRules rules;

    public Schedules(TaskStore store, SchedulerConfig config, ScheduleRules rules) {
        this.store = store;
        this.config = config;
        this.rules = rules;
    }

    /** Stores the asked-for schedule; the event says it is set, with its next runs, or why it cannot be. */
    public ExecutionEvent create(ScheduleTask request, Instant now) {
        String id = request.executionId();
        Optional<ScheduledTask> known = store.find(id);
        if (known.isPresent()) {
            // a redelivered request
            return ExecutionEvent.completed(id, view(known.get(), now));
        }
        ScheduleRules.Accepted schedule;
        try {
            schedule = rules.check(request.cronExpression(), request.timeZone() == null ? "UTC" : request.timeZone(),
                    request.tier());
        } catch (ScheduleRules.Refused e) {
            return ExecutionEvent.failed(id, e.error());
        }
        if (!REPEATABLE.contains(request.taskIntent()) || request.taskParameters() == null) {
            return ExecutionEvent.failed(id, ErrorInfo.of("unsupported_task", "A schedule can repeat an API call, a"
                    + " message, or a document's analysis or conversion; '" + request.taskIntent()
                    + "' cannot be scheduled yet"));
        }
        if (ON_A_DOCUMENT.containsKey(request.taskIntent())
                && !request.taskParameters().path("sourceUrl").isTextual()) {
            return ExecutionEvent.failed(id, ErrorInfo.of("unsupported_task", "A scheduled "
                    + ON_A_DOCUMENT.get(request.taskIntent()) + " needs the document's web address: each run fetches"
                    + " the document as it is then"));
        }
        // an expression that reads runs some day (CronExpression.parse refuses the others)
        Instant first = schedule.cron().next(now, schedule.zone()).orElseThrow();
        int maxActive = config.maxActiveOf(request.tier());
        if (maxActive >= 0 && store.countActive(request.userId()) >= maxActive) {
            return ExecutionEvent.failed(id, new ErrorInfo("schedule_limit_reached", "Your " + request.tier()
                    + " tier allows " + maxActive + " active schedules; cancel one first",
                    EventJson.mapper().createObjectNode().put("max_active", maxActive)));
        }
        ScheduledTask task = new ScheduledTask(id, request.userId(), request.tier(), request.name(),
                schedule.cron().text(), schedule.zone().getId(), request.taskIntent(), request.taskParameters(),
                ScheduledTask.ACTIVE, first, null, 0, 0, now);
        store.create(task);
        return ExecutionEvent.completed(id, view(store.find(id).orElse(task), now));
    }

    /**
     * Keeps a workflow's schedule as the orchestrator says (checked when the workflow was saved): each run a
     * {@code workflow_run} intent of the revision it names, triggered by {@code schedule}. An expression that will
     * never run again stops it.
     */
    public void keep(WorkflowSchedule schedule, Instant now) {
        String id = workflowTaskId(schedule.workflowId());
        Optional<Instant> first = !schedule.active() ? Optional.empty()
                : CronExpression.parse(schedule.cron()).next(now, ZoneId.of(schedule.timeZone()));
        if (first.isEmpty()) {
            store.stopWorkflowSchedule(id, schedule.changedAt());
            return;
        }
        RunWorkflow run = new RunWorkflow(schedule.workflowId(), schedule.revision(), schedule.name(),
                WorkflowTrigger.SCHEDULE, null, schedule.ownerEmail(), null, null);
        store.keepWorkflowSchedule(new ScheduledTask(id, schedule.userId(), schedule.tier(), schedule.name(),
                schedule.cron(), schedule.timeZone(), Intents.WORKFLOW_RUN, EventJson.mapper().valueToTree(run),
                ScheduledTask.ACTIVE, first.get(), null, 0, 0, now), schedule.changedAt());
    }

    /** The id of a workflow's schedule: one per workflow, whichever replica keeps it. */
    public static String workflowTaskId(String workflowId) {
        return UUID.nameUUIDFromBytes(("workflow-schedule:" + workflowId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The run of a due schedule, and when it runs next: after now, so times missed while down run once. */
    public TaskStore.Firing plan(ScheduledTask task, Instant now) {
        ZoneId zone = ZoneId.of(task.timeZone());
        CronExpression cron = CronExpression.parse(task.cron());
        String runId = TaskStore.runId(task.id(), task.nextRunAt());
        IntentParsed intent = new IntentParsed(runId, task.userId(), task.tier(), task.taskIntent(),
                task.taskParameters(), now);
        Instant next = cron.next(now, zone).orElse(null);
        int missed = 0;
        for (Instant at = cron.next(task.nextRunAt(), zone).orElse(null);
                at != null && at.isBefore(now) && missed < 10_000;
                at = cron.next(at, zone).orElse(null)) {
            missed++;
        }
        return new TaskStore.Firing(new DueRun(runId, intent), next, missed);
    }

    /** A schedule as its owner sees it: what, when, the next runs, and how it went so far. */
    public static ScheduleView view(ScheduledTask task, Instant now) {
        CronExpression cron = CronExpression.parse(task.cron());
        ZoneId zone = ZoneId.of(task.timeZone());
        List<OffsetDateTime> next = new ArrayList<>();
        if (ScheduledTask.ACTIVE.equals(task.status()) && task.nextRunAt() != null) {
            next.add(task.nextRunAt().atZone(zone).toOffsetDateTime());
            cron.nextRuns(task.nextRunAt(), zone, NEXT_RUNS_SHOWN - 1)
                    .forEach(at -> next.add(at.atZone(zone).toOffsetDateTime()));
        }
        return new ScheduleView(task.id(), task.name(), task.cron(), task.timeZone(), cron.describe(Locale.ENGLISH),
                task.status(), task.taskIntent(), task.runs(), task.missed(), task.createdAt(), task.lastRunAt(),
                task.lastRunAt() == null ? null : TaskStore.runId(task.id(), task.lastRunAt()), next);
    }
}
