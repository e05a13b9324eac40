package io.autoflow.gateway.rest;

import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.EventJson;
import io.autoflow.events.Intents;
import io.autoflow.events.ScheduleTask;
import io.autoflow.events.ScheduleView;
import io.autoflow.events.SendMessage;
import io.autoflow.events.TransformData;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.SchedulerApi;
import io.autoflow.gateway.idempotency.Idempotent;
import io.autoflow.gateway.service.JobIntake;
import io.autoflow.gateway.service.Jobs;
import io.autoflow.service.schedule.ScheduleRules;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Schedules: {@code POST /api/schedules} repeats an API call, a message (a reminder), or a document's analysis or
 * conversion on a cron schedule in the user's time zone, each run a job of its own, handed over as it asks;
 * {@code GET} lists them, {@code DELETE /api/schedules/{id}} stops one.
 * Setting a schedule up is itself a job, whose id is the schedule's; the scheduler applies the tier's limits.
 */
@Tag(name = "Schedules",
        description = "Repeat an API call, a message, or a document's analysis or conversion on a cron schedule in a"
                + " time zone.")
@Path("/api/schedules")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    private static final Comparator<ScheduleView> NEWEST_FIRST = Comparator.comparing(ScheduleView::createdAt)
            .thenComparing(ScheduleView::scheduleId).reversed();

    private final CurrentUser user;
    private final AutomationResource automations;
    private final NotificationResource notifications;
    private final DocumentAnalyticsResource documents;
    private final TransformResource transforms;
    private final JobIntake intake;
    private final SchedulerApi scheduler;
    private final Jobs jobs;
    private final ScheduleRules rules;

    public ScheduleResource(CurrentUser user, AutomationResource automations, NotificationResource notifications,
            DocumentAnalyticsResource documents, TransformResource transforms, JobIntake intake,
            @RestClient SchedulerApi scheduler, Jobs jobs, ScheduleRules rules) {
        this.rules = rules;
        this.transforms = transforms;
        this.documents = documents;
        this.notifications = notifications;
        this.jobs = jobs;
        this.user = user;
        this.automations = automations;
        this.intake = intake;
        this.scheduler = scheduler;
    }

    /** A schedule to set up. */
    @Schema(name = "ScheduleRequest", requiredProperties = "cron")
    public record ScheduleRequest(
            @Schema(description = "Five-field cron expression, e.g. '0 9 * * MON' for Mondays at 9:00") String cron,
            @Schema(description = "IANA time zone the expression is read in; the account's (or UTC) when absent")
            String timeZone,
            @Schema(description = "The API call to make at each run (or give a reminder, an analysis or a"
                    + " conversion)")
            AutomationResource.AutomationCall task,
            @Schema(description = "The message to send at each run (or give a task, an analysis or a conversion)")
            NotificationResource.NotificationRequest reminder,
            @Schema(description = "The document to analyse at each run, by its web address in 'file' (fetched"
                    + " afresh each time), with the analyses and output of POST /api/analytics/document (or give a"
                    + " task, a reminder or a conversion)")
            AnalyticsRequest analysis,
            @Schema(description = "The document to convert at each run, by its web address in 'file' (fetched"
                    + " only when each run starts, as it is then), with the target_format and output of POST"
                    + " /api/transforms (or give a task, a reminder or an analysis)")
            TransformResource.TransformRequest conversion) {

        private int tasksGiven() {
            return (task == null ? 0 : 1) + (reminder == null ? 0 : 1) + (analysis == null ? 0 : 1)
                    + (conversion == null ? 0 : 1);
        }
    }

    /** The answer to a schedule accepted for setting up. */
    @Schema(name = "ScheduleAccepted")
    public record Accepted(String jobId, String scheduleId, String status) implements JobAccepted {
    }

    @Operation(operationId = "createSchedule",
            summary = "Repeat an API call, a message, an analysis or a conversion on a cron schedule",
            description = "Repeats an API call (task), a message (reminder), or a document's analysis (analysis) or"
                    + " conversion (conversion), the document given by its URL, on a cron expression in a time zone"
                    + " (the account's, else UTC)."
                    + " The answer's job completes once the schedule is set up, its result the next runs; each "
                    + "run is a job of its own.")
    @APIResponse(responseCode = "202", description = "The schedule is being set up: its job says when it is",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ScheduleResource.Accepted.class)))
    @POST
    @Idempotent
    @Parameter(ref = Idempotent.PARAMETER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(ScheduleRequest request) {
        return create(request, true);
    }

    /**
     * @param checkDocumentNow fetch an analysis's document once now (the API's promise), or leave it to each run (a
     *        conversation: nothing is fetched before the job runs). A conversion's document is only ever fetched by
     *        its runs.
     */
    Uni<Response> create(ScheduleRequest request, boolean checkDocumentNow) {
        if (request == null || request.cron() == null || request.cron().isBlank()) {
            throw new ApiException(ErrorCode.MISSING_CRON, "Give the schedule as a cron expression in 'cron'");
        }
        if (request.tasksGiven() != 1) {
            throw new ApiException(ErrorCode.MISSING_TASK, "Give one thing to repeat: the API call in 'task', the"
                    + " message to send in 'reminder', the document to analyse in 'analysis' or the document to"
                    + " convert in 'conversion'");
        }
        ScheduleRules.Accepted schedule = check(request);
        String cron = schedule.cron().text();
        String zone = schedule.zone().getId();
        UUID jobId = intake.newJobId();
        Uni<Task> task;
        if (request.reminder() != null) {
            task = Uni.createFrom().item(reminder(notifications.prepare(request.reminder())));
        } else if (request.analysis() != null) {
            Uni<AnalyzeDocument> analysed = checkDocumentNow ? documents.repeatable(request.analysis(), jobId)
                    : Uni.createFrom().item(documents.repeatableFetchedAtRun(request.analysis()));
            task = analysed.map(analysis -> new Task(Intents.DOCUMENT_ANALYTICS, "Analysis of " + analysis.fileName(),
                    analysis));
        } else if (request.conversion() != null) {
            TransformData conversion = transforms.repeatableFetchedAtRun(request.conversion());
            task = Uni.createFrom().item(new Task(Intents.DATA_TRANSFORM, "Conversion of " + conversion.fileName()
                    + " to " + conversion.targetFormat().toUpperCase(Locale.ROOT), conversion));
        } else {
            task = automations.prepare(request.task(), jobId).map(call -> new Task(Intents.API_AUTOMATION,
                    call.name(), call));
        }
        return task.chain(each -> {
            String name = each.name() + " (" + cron + ", " + zone + ")";
            return intake.accept(jobId, Intents.SCHEDULE_TASK, name, 0, new ScheduleTask(null, null, null,
                    cron, zone, each.intent(), EventJson.mapper().valueToTree(each.parameters()),
                    name));
        }).map(job -> Response.accepted(new Accepted(jobId.toString(), jobId.toString(), "queued"))
                .location(URI.create("/api/jobs/" + jobId)).build());
    }

    /** A page of schedules, newest first; {@code has_more}: ask again with {@code starting_after} the last one's id. */
    public record ScheduleList(List<ScheduleView> schedules, boolean hasMore) {
    }

    @Operation(operationId = "listSchedules", summary = "The caller's schedules, newest first",
            description = "The caller's schedules, newest first, a page at a time (limit, starting_after, has_more),"
                    + " each with its cron expression, time zone, status and next runs.")
    @GET
    public Uni<ScheduleList> list(@QueryParam("limit") String limit,
            @QueryParam("starting_after") String startingAfter) {
        int size = ListPages.limit(limit);
        UUID after = ListPages.startingAfter(startingAfter);
        return scheduler.list(user.id().toString()).onFailure().transform(ScheduleResource::unavailable)
                .map(all -> {
                    List<ScheduleView> newestFirst = all.stream().sorted(NEWEST_FIRST).toList();
                    ListPages.Page<ScheduleView> page = ListPages.page(newestFirst, ScheduleView::scheduleId, size,
                            after, "schedules");
                    return new ScheduleList(page.items(), page.hasMore());
                });
    }

    @Operation(operationId = "getSchedule", summary = "A schedule: next runs, runs, missed runs",
            description = "One of the caller's schedules: cron expression, time zone, status (active, cancelled), "
                    + "the next three runs, how many ran and were missed, and the last run's job.")
    @GET
    @Path("/{id}")
    public Uni<ScheduleView> get(@RestPath String id) {
        return own(id).chain(() -> scheduler.get(id, user.id().toString()))
                .onFailure(e -> !(e instanceof ApiException)).transform(ScheduleResource::unavailable);
    }

    /** Stops the schedule: no run starts after this answers; a run already started goes on. */
    @Operation(operationId = "cancelSchedule", summary = "Stop a schedule",
            description = "Stops the schedule: no run starts after this answer; a run already started goes on. The "
                    + "answer is the cancelled schedule.")
    @DELETE
    @Path("/{id}")
    public Uni<ScheduleView> cancel(@RestPath String id) {
        return own(id).chain(() -> scheduler.cancel(id, user.id().toString()))
                .onFailure(e -> !(e instanceof ApiException)).transform(ScheduleResource::unavailable);
    }

    /** A schedule is the caller's when the job that set it up is; the scheduler checks again. */
    private Uni<Void> own(String id) {
        UUID scheduleId;
        try {
            scheduleId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        return jobs.find(scheduleId, user.id()).invoke(job -> {
            if (job == null || !Intents.SCHEDULE_TASK.equals(job.workflowType)) {
                throw notFound();
            }
        }).replaceWithVoid();
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.SCHEDULE_NOT_FOUND, "No such schedule");
    }

    /** What each run does: an intent, its parameters, and how the user recognises it. */
    private record Task(String intent, String name, Object parameters) {
    }

    private static Task reminder(SendMessage message) {
        return new Task(Intents.NOTIFICATION, "Reminder: " + message.name(), message);
    }

    /** The schedule as the scheduler will check it, refused here with 422 rather than as a failed job. */
    private ScheduleRules.Accepted check(ScheduleRequest request) {
        String asked = request.timeZone() == null || request.timeZone().isBlank() ? user.timeZone()
                : request.timeZone().trim();
        try {
            return rules.check(request.cron(), asked == null ? "UTC" : asked, user.tier());
        } catch (ScheduleRules.Refused refused) {
            ErrorCode code = switch (refused.error().code()) {
                case "invalid_time_zone" -> ErrorCode.INVALID_TIME_ZONE;
                case "schedule_too_frequent" -> ErrorCode.SCHEDULE_TOO_FREQUENT;
                default -> ErrorCode.INVALID_CRON;
            };
            String param = code == ErrorCode.INVALID_TIME_ZONE ? "time_zone" : "cron";
            throw ApiException.withParam(code, refused.error().message(), param, refused.error().details());
        }
    }

    private static Throwable unavailable(Throwable cause) {
        if (cause instanceof WebApplicationException web && web.getResponse().getStatus() == 404) {
            return notFound();
        }
        return new ApiException(ErrorCode.SCHEDULER_UNAVAILABLE, "Schedules are unavailable right now; try again");
    }
}
