package io.autoflow.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** conversation-service's internal API. */
@Path("/conversation")
@RegisterRestClient(configKey = "conversation")
@RegisterClientHeaders(ServiceTokenHeaders.class)
interface ConversationApi {

    @POST
    @Path("/messages")
    Uni<JsonNode> message(Map<String, String> message);
}
