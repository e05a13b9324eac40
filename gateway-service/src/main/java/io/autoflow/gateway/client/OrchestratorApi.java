package io.autoflow.gateway.client;

import io.autoflow.events.DailyProcessing;
import io.autoflow.events.ExecutionView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The orchestrator's internal job API. */
@Path("/executions")
@RegisterRestClient(configKey = "orchestrator")
@RegisterClientHeaders(ServiceTokenHeaders.class)
interface OrchestratorApi {

    @GET
    @Path("/{id}")
    Uni<ExecutionView> get(@PathParam("id") String id, @QueryParam("user_id") String userId);

    @GET
    Uni<List<ExecutionView>> list(@QueryParam("user_id") String userId, @QueryParam("limit") int limit,
            @QueryParam("page") int page, @QueryParam("job_id") List<String> jobIds);

    @GET
    @Path("/usage")
    Uni<List<DailyProcessing>> usage(@QueryParam("user_id") String userId, @QueryParam("days") int days);
}
