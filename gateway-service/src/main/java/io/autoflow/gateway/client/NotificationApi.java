package io.autoflow.gateway.client;

import io.autoflow.events.WebhookSecretView;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notification-service's internal API for webhook secrets. */
@RegisterRestClient(configKey = "notification")
@RegisterClientHeaders(ServiceTokenHeaders.class)
@Path("/notification/webhook-secrets/{userId}")
public interface NotificationApi {

    @POST
    Uni<WebhookSecretView> rotate(@PathParam("userId") String userId);

    @GET
    Uni<WebhookSecretView> describe(@PathParam("userId") String userId);
}
