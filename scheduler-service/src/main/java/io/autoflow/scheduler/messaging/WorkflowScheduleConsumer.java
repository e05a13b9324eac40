package io.autoflow.scheduler.messaging;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.workflow.WorkflowSchedule;
import io.autoflow.scheduler.service.Schedules;
import io.autoflow.service.failure.TransientRetry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps each workflow's schedule as the orchestrator, which owns workflows, says ({@code workflow-schedules}): stored
 * before the offset is committed, so a restart loses no word; a word seen again changes nothing.
 */
@ApplicationScoped
public class WorkflowScheduleConsumer {

    private final Schedules schedules;
    private final TransientRetry retry;
    private final Clock clock;

    public WorkflowScheduleConsumer(Schedules schedules, TransientRetry retry, Clock clock) {
        this.schedules = schedules;
        this.retry = retry;
        this.clock = clock;
    }

    @Incoming(Topics.WORKFLOW_SCHEDULES)
    @Blocking
    public void onSchedule(WorkflowSchedule schedule) throws Exception {
        if (schedule == null || schedule.workflowId() == null || schedule.userId() == null
                || schedule.changedAt() == null || schedule.active() && schedule.cron() == null) {
            throw new MalformedEventException(Topics.WORKFLOW_SCHEDULES);
        }
        retry.handleBlocking(Topics.WORKFLOW_SCHEDULES, "Schedule of workflow " + schedule.workflowId(), () -> {
            schedules.keep(schedule, clock.instant());
            return null;
        });
    }
}
