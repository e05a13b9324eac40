package io.autoflow.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** What notification-service holds about a user, for their data export. */
@RegisterRestClient(configKey = "notification")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/notification/users/{userId}")
public interface NotificationUserApi {

    @GET
    Uni<JsonNode> export(@PathParam("userId") String userId);
}
