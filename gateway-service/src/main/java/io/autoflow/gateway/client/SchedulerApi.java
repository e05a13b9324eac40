package io.autoflow.gateway.client;

import io.autoflow.events.ScheduleView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The scheduler's internal schedule API; it answers 404 for a schedule that is not the user's. */
@Path("/schedules")
@RegisterRestClient(configKey = "scheduler")
@RegisterClientHeaders(ServiceTokenHeaders.class)
public interface SchedulerApi {

    @GET
    Uni<List<ScheduleView>> list(@QueryParam("user_id") String userId);

    @GET
    @Path("/{id}")
    Uni<ScheduleView> get(@PathParam("id") String id, @QueryParam("user_id") String userId);

    @DELETE
    @Path("/{id}")
    Uni<ScheduleView> cancel(@PathParam("id") String id, @QueryParam("user_id") String userId);
}
