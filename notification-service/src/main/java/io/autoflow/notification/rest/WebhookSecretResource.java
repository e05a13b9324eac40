package io.autoflow.notification.rest;

import io.autoflow.events.WebhookSecretView;
import io.autoflow.notification.webhook.WebhookSecrets;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Internal API for the gateway, which authenticates the user: {@code POST} makes (or replaces) the user's webhook
 * secret and returns it, the only time it is shown; {@code GET} says whether there is one and since when. After a
 * replacement, the previous secret still signs until {@code previous_valid_until}.
 */
@Path("/notification/webhook-secrets/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class WebhookSecretResource {

    private final WebhookSecrets secrets;

    public WebhookSecretResource(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    @POST
    public WebhookSecretView rotate(@PathParam("userId") String userId) {
        WebhookSecrets.Created created = secrets.rotate(userId);
        return new WebhookSecretView(created.secret(), created.createdAt(), created.previousValidUntil());
    }

    @GET
    public WebhookSecretView describe(@PathParam("userId") String userId) {
        return secrets.info(userId)
                .map(info -> new WebhookSecretView(null, info.createdAt(), info.previousValidUntil()))
                .orElseThrow(() -> new NotFoundException("No webhook secret"));
    }
}
