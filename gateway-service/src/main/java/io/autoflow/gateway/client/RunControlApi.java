package io.autoflow.gateway.client;

import io.autoflow.events.ExecutionView;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The orchestrator's internal API over a workflow run under way. It refuses what the user can act on with a 409 and
 * an {@code ErrorInfo} ({@code run_finished}, {@code not_cancellable}), raised here as {@link Refused}; a job the
 * user has not is a 404 without one; any other failure means it is unavailable.
 */
@Path("/executions")
@RegisterRestClient(configKey = "orchestrator")
@RegisterClientHeaders(ServiceTokenHeaders.class)
public interface RunControlApi {

    /** The run, cancelled: failed with {@code cancelled}. */
    @POST
    @Path("/{id}/cancel")
    Uni<ExecutionView> cancel(@PathParam("id") String id, @QueryParam("user_id") String userId);

    @ClientExceptionMapper
    static RuntimeException refused(Response response) {
        return Refused.from(response);
    }
}
