package io.autoflow.scheduler.rest;

import io.autoflow.events.Intents;
import io.autoflow.events.ScheduleView;
import io.autoflow.scheduler.service.Schedules;
import io.autoflow.scheduler.store.ScheduledTask;
import io.autoflow.scheduler.store.TaskStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Internal API for the gateway, which has authenticated the user: a user's schedules, and stopping one. Another
 * user's schedule is not found.
 */
@Path("/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ScheduleResource {

    private final TaskStore store;
    private final Clock clock;

    public ScheduleResource(TaskStore store, Clock clock) {
        this.clock = clock;
        this.store = store;
    }

    @GET
    public List<ScheduleView> list(@QueryParam("user_id") String userId) {
        Instant now = clock.instant();
        return store.list(required(userId)).stream().map(task -> Schedules.view(task, now)).toList();
    }

    @GET
    @Path("/{id}")
    public ScheduleView get(@PathParam("id") String id, @QueryParam("user_id") String userId) {
        return Schedules.view(own(id, userId), clock.instant());
    }

    /** Stops the schedule; a run already started goes on. Stopping a stopped schedule changes nothing. */
    @DELETE
    @Path("/{id}")
    public ScheduleView cancel(@PathParam("id") String id, @QueryParam("user_id") String userId) {
        own(id, userId);
        store.cancel(id, userId, clock.instant());
        return Schedules.view(own(id, userId), clock.instant());
    }

    private ScheduledTask own(String id, String userId) {
        required(userId);
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        // A workflow's schedule is changed through its workflow only.
        return store.find(id).filter(task -> task.userId().equals(userId))
                .filter(task -> !Intents.WORKFLOW_RUN.equals(task.taskIntent())).orElseThrow(NotFoundException::new);
    }

    private static String required(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new jakarta.ws.rs.BadRequestException("user_id is required");
        }
        return userId;
    }
}
