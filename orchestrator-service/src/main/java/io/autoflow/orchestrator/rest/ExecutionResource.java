package io.autoflow.orchestrator.rest;

import io.autoflow.events.DailyProcessing;
import io.autoflow.events.ExecutionView;
import io.autoflow.orchestrator.domain.Execution;
import io.autoflow.orchestrator.domain.Ids;
import io.autoflow.orchestrator.messaging.FollowUps;
import io.autoflow.orchestrator.messaging.JobUpdatePublisher;
import io.autoflow.orchestrator.metrics.JobMetrics;
import io.autoflow.orchestrator.service.ExecutionService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import io.autoflow.events.CodedException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Job status for the gateway (internal API, not exposed to users). Every query names the user, and a job of another
 * user is not found: ownership is checked here, where the data lives, and not only in the gateway.
 */
@Path("/executions")
public class ExecutionResource {

    private static final int MAX_PAGE = 200;

    private final ExecutionService executions;
    private final JobUpdatePublisher updates;
    private final FollowUps followUps;
    private final JobMetrics metrics;

    public ExecutionResource(ExecutionService executions, JobUpdatePublisher updates, FollowUps followUps,
            JobMetrics metrics) {
        this.executions = executions;
        this.updates = updates;
        this.followUps = followUps;
        this.metrics = metrics;
    }

    @GET
    @Path("/{id}")
    public Uni<ExecutionView> get(@RestPath String id, @QueryParam("user_id") String userId) {
        UUID uuid = Ids.uuidOrNull(id);
        if (uuid == null || userId == null) {
            throw new NotFoundException();
        }
        return executions.find(uuid, userId).map(e -> {
            if (e == null) {
                throw new NotFoundException();
            }
            return ExecutionViews.of(e);
        });
    }

    /**
     * The user's jobs, newest first, a page at a time ({@code page} 0 is the newest); or those of them named by
     * {@code job_id} (repeated), as the gateway asks for the page of jobs it lists.
     */
    @GET
    public Uni<List<ExecutionView>> list(@QueryParam("user_id") String userId,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("job_id") List<String> jobIds) {
        if (userId == null) {
            throw new NotFoundException();
        }
        Uni<List<Execution>> found = jobIds == null || jobIds.isEmpty()
                ? executions.list(userId, Math.max(1, Math.min(limit, MAX_PAGE)), Math.max(0, page))
                : executions.byIds(userId, jobIds.stream().limit(MAX_PAGE).map(Ids::uuidOrNull)
                        .filter(Objects::nonNull).toList());
        return found.map(list -> list.stream().map(ExecutionViews::of).toList());
    }

    /**
     * Cancels the user's workflow run under way: 200 with the run (failed, {@code cancelled}); 404 when the user has
     * no such job; 409 {@code run_finished} when it has already ended, {@code not_cancellable} for a job that is no
     * run.
     */
    @POST
    @Path("/{id}/cancel")
    public Uni<ExecutionView> cancel(@RestPath String id, @QueryParam("user_id") String userId) {
        UUID uuid = Ids.uuidOrNull(id);
        if (uuid == null || userId == null) {
            throw new NotFoundException();
        }
        return executions.cancelRun(uuid, userId).call(run -> {
            if (run == null) {
                throw new NotFoundException();
            }
            metrics.observe(run);
            return updates.changed(run).chain(() -> followUps.send(run));
        }).map(ExecutionViews::of);
    }

    @ServerExceptionMapper
    public Response refused(CodedException e) {
        return Response.status(409).entity(e.toErrorInfo()).build();
    }

    /** Processing seconds of the user's finished jobs per UTC day, the last {@code days} days. */
    @GET
    @Path("/usage")
    public Uni<List<DailyProcessing>> usage(@QueryParam("user_id") String userId,
            @QueryParam("days") @DefaultValue("30") int days) {
        if (userId == null) {
            throw new NotFoundException();
        }
        return executions.processingByDay(userId, Math.max(1, Math.min(days, 366)));
    }
}
