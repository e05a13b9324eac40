package io.autoflow.orchestrator.workflow;

import io.autoflow.events.CodedException;
import io.autoflow.events.workflow.WorkflowHook;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The webhook trigger a secret URL's token names (internal API, service token required), for the gateway to start
 * its run as the workflow's owner: 404 {@code workflow_not_found} for a token no workflow has (any more).
 */
@Path("/workflow-hooks")
public class WorkflowHookResource {

    private final WorkflowService workflows;

    public WorkflowHookResource(WorkflowService workflows) {
        this.workflows = workflows;
    }

    @GET
    @Path("/{token}")
    public Uni<WorkflowHook> hook(@RestPath String token) {
        return workflows.hook(token);
    }

    @ServerExceptionMapper
    public Response refused(CodedException e) {
        return Response.status(404).entity(e.toErrorInfo()).build();
    }
}
