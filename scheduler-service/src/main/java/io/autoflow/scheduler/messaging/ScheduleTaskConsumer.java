package io.autoflow.scheduler.messaging;

import io.autoflow.events.MalformedEventException;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.Topics;
import io.autoflow.scheduler.service.Schedules;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Sets up the schedules users ask for. The schedule is stored before the offset is committed; a redelivered request
 * finds it and announces it again, unchanged.
 */
@ApplicationScoped
public class ScheduleTaskConsumer {

    private final Schedules schedules;
    private final SchedulerEvents events;

    public ScheduleTaskConsumer(Schedules schedules, SchedulerEvents events) {
        this.schedules = schedules;
        this.events = events;
    }

    @Incoming("task-scheduler")
    @Blocking
    public void onRequest(ScheduleTask request) {
        if (request == null || request.executionId() == null || request.userId() == null) {
            throw new MalformedEventException(Topics.WORKFLOW_TASK_SCHEDULER);
        }
        events.publish(schedules.create(request, Instant.now()));
    }
}
