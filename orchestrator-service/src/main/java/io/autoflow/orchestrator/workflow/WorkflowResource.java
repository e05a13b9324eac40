package io.autoflow.orchestrator.workflow;

import io.autoflow.events.CodedException;
import io.autoflow.events.workflow.WorkflowDefinition;
import io.autoflow.events.workflow.WorkflowView;
import io.autoflow.orchestrator.messaging.WorkflowSchedulePublisher;
import io.autoflow.orchestrator.domain.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Workflows for the gateway (internal API, service token required): every route names the user, whose ownership is
 * checked here, and the tier where a limit depends on it. A refusal is a 4xx with an {@code ErrorInfo}: 404
 * {@code workflow_not_found}, 422 {@code invalid_workflow}, {@code invalid_expression}, {@code invalid_operation},
 * {@code too_many_steps}, {@code too_many_workflows}, each with its details.
 */
@Path("/workflows/{userId}")
public class WorkflowResource {

    private final WorkflowService workflows;
    private final WorkflowSchedulePublisher schedules;

    public WorkflowResource(WorkflowService workflows, WorkflowSchedulePublisher schedules) {
        this.workflows = workflows;
        this.schedules = schedules;
    }

    /** Whether a workflow's trigger starts runs. */
    public record Enabled(boolean enabled) {
    }

    @POST
    public Uni<Response> create(@RestPath String userId, @QueryParam("tier") String tier,
            @QueryParam("email") String email, WorkflowDefinition definition) {
        return workflows.create(userId, tier, email, definition)
                .call(schedules::publishPending)
                .map(made -> Response.status(201).entity(made).build());
    }

    @GET
    public Uni<List<WorkflowView>> list(@RestPath String userId) {
        return workflows.list(userId);
    }

    @GET
    @Path("/{id}")
    public Uni<WorkflowView> get(@RestPath String userId, @RestPath String id) {
        return workflows.get(userId, uuid(id));
    }

    @PUT
    @Path("/{id}")
    public Uni<WorkflowView> update(@RestPath String userId, @RestPath String id, @QueryParam("tier") String tier,
            @QueryParam("email") String email, WorkflowDefinition definition) {
        return workflows.update(userId, tier, email, uuid(id), definition).call(schedules::publishPending);
    }

    @PUT
    @Path("/{id}/enabled")
    public Uni<WorkflowView> enable(@RestPath String userId, @RestPath String id, Enabled enabled) {
        return workflows.setEnabled(userId, uuid(id), enabled != null && enabled.enabled())
                .call(schedules::publishPending);
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@RestPath String userId, @RestPath String id) {
        return workflows.delete(userId, uuid(id)).call(schedules::publishPending)
                .map(done -> Response.noContent().build());
    }

    @ServerExceptionMapper
    public Response refused(CodedException e) {
        int status = e.code().endsWith("_not_found") ? 404 : 422;
        return Response.status(status).entity(e.toErrorInfo()).build();
    }

    private static UUID uuid(String id) {
        UUID uuid = Ids.uuidOrNull(id);
        if (uuid == null) {
            throw WorkflowService.notFound();
        }
        return uuid;
    }
}
