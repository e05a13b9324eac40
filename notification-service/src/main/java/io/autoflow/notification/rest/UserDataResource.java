package io.autoflow.notification.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.notification.store.NotificationStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Internal API for the gateway's data export: what this service holds about a user. */
@Path("/notification/users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
public class UserDataResource {

    private final NotificationStore store;

    public UserDataResource(NotificationStore store) {
        this.store = store;
    }

    @GET
    @Blocking
    public Map<String, List<JsonNode>> export(@PathParam("userId") String userId) {
        return store.export(userId);
    }
}
