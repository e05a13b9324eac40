package io.autoflow.scheduler.messaging;

import io.autoflow.events.Intents;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.Topics;
import io.autoflow.scheduler.service.Schedules;
import io.autoflow.service.failure.TransientRetry;
import io.autoflow.service.tracing.JobContext;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Sets up the schedules users ask for. The schedule is stored before the offset is committed; a redelivered request
 * finds it and announces it again, unchanged.
 */
@ApplicationScoped
public class ScheduleTaskConsumer {

    private final Schedules schedules;
    private final SchedulerEvents events;
    private final TransientRetry retry;
    private final Clock clock;

    public ScheduleTaskConsumer(Schedules schedules, SchedulerEvents events, TransientRetry retry, Clock clock) {
        this.clock = clock;
        this.schedules = schedules;
        this.events = events;
        this.retry = retry;
    }

    @Incoming("task-scheduler")
    @Blocking
    public void onRequest(ScheduleTask request) throws Exception {
        if (request == null || request.executionId() == null || request.userId() == null) {
            throw new MalformedEventException(Topics.WORKFLOW_TASK_SCHEDULER);
        }
        JobContext.enter(request.executionId(), request.userId(), Intents.SCHEDULE_TASK);
        // Setting a schedule up again finds it set up (its id is the job's), so a retry repeats nothing.
        var outcome = retry.handleBlocking(Topics.WORKFLOW_TASK_SCHEDULER, "Schedule of job " + request.executionId(),
                () -> schedules.create(request, clock.instant()));
        retry.handleBlocking(Topics.WORKFLOW_TASK_SCHEDULER, "Outcome of job " + request.executionId(), () -> {
            events.publish(outcome);
            return null;
        });
    }
}
