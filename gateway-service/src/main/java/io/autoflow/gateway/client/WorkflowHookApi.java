package io.autoflow.gateway.client;

import io.autoflow.events.workflow.WorkflowHook;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The orchestrator's lookup of a webhook trigger by its secret URL's token (internal, service token): whose workflow
 * it starts, at which revision, whether it may, and the secret its signature is checked with. A token no workflow has
 * is refused 404 {@code workflow_not_found}, raised as {@link Refused}; any other failure means it is unavailable.
 */
@RegisterRestClient(configKey = "orchestrator")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/workflow-hooks")
public interface WorkflowHookApi {

    @GET
    @Path("/{token}")
    Uni<WorkflowHook> hook(@PathParam("token") String token);

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        return Refused.from(response);
    }
}
