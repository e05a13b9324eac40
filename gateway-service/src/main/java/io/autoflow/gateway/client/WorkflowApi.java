package io.autoflow.gateway.client;

import io.autoflow.events.workflow.WorkflowDefinition;
import io.autoflow.events.workflow.WorkflowView;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The orchestrator's internal workflow API. It refuses what the user can act on with a 4xx and an {@code ErrorInfo}
 * (its details say which step and field), raised here as {@link Refused}; any other failure means it is unavailable.
 */
@RegisterRestClient(configKey = "orchestrator")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/workflows/{userId}")
public interface WorkflowApi {

    /** Whether a workflow's trigger starts runs. */
    record Enabled(boolean enabled) {
    }

    /** @param email the owner's address, where a scheduled or webhook run's email goes by default */
    @POST
    Uni<WorkflowView> create(@PathParam("userId") String userId, @QueryParam("tier") String tier,
            @QueryParam("email") String email, WorkflowDefinition definition);

    @GET
    Uni<List<WorkflowView>> list(@PathParam("userId") String userId);

    @GET
    @Path("/{id}")
    Uni<WorkflowView> get(@PathParam("userId") String userId, @PathParam("id") String id);

    @PUT
    @Path("/{id}")
    Uni<WorkflowView> update(@PathParam("userId") String userId, @PathParam("id") String id,
            @QueryParam("tier") String tier, @QueryParam("email") String email, WorkflowDefinition definition);

    @PUT
    @Path("/{id}/enabled")
    Uni<WorkflowView> setEnabled(@PathParam("userId") String userId, @PathParam("id") String id, Enabled enabled);

    @DELETE
    @Path("/{id}")
    Uni<Void> delete(@PathParam("userId") String userId, @PathParam("id") String id);

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        return Refused.from(response);
    }
}
