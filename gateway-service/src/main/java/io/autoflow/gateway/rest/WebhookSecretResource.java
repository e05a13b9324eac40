package io.autoflow.gateway.rest;

import io.autoflow.events.WebhookSecretView;
import io.autoflow.gateway.auth.CurrentUser;
import io.autoflow.gateway.client.NotificationApi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The caller's webhook signing secret (Standard Webhooks, {@code whsec_...}). {@code POST /api/me/webhook-secret}
 * makes a new one, replacing the old, and is the only answer that shows it; {@code GET} says since when it exists.
 */
@Tag(name = "Account")
@Path("/api/me/webhook-secret")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookSecretResource {

    private final CurrentUser user;
    private final NotificationApi notification;

    public WebhookSecretResource(CurrentUser user, @RestClient NotificationApi notification) {
        this.user = user;
        this.notification = notification;
    }

    @Operation(operationId = "rotateWebhookSecret", summary = "Make a new webhook signing secret; shown this once",
            description = "Makes the caller's webhook signing secret and shows it this once. The secret it replaces "
                    + "keeps signing beside it for 24 hours, so a receiver can switch without missing a webhook.")
    @APIResponse(responseCode = "201", description = "The secret, shown this once", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookSecretView.class)))
    @POST
    public Uni<Response> rotate() {
        return notification.rotate(user.id().toString()).onFailure().transform(WebhookSecretResource::unavailable)
                .map(created -> Response.status(201).entity(created).build());
    }

    @Operation(operationId = "getWebhookSecret", summary = "Since when the webhook secret exists",
            description = "Since when the caller's webhook signing secret exists, and until when the one it replaced"
                    + " still signs; never the secret itself. 404 while there is none.")
    @APIResponse(responseCode = "200", description = "Since when the secret exists")
    @APIResponse(responseCode = "404", description = "webhook_secret_not_found: none made yet (POST makes one)")
    @GET
    public Uni<WebhookSecretView> describe() {
        return notification.describe(user.id().toString()).onFailure().transform(e -> {
            if (e instanceof WebApplicationException w && w.getResponse().getStatus() == 404) {
                return new ApiException(ErrorCode.WEBHOOK_SECRET_NOT_FOUND,
                        "No webhook secret yet: POST /api/me/webhook-secret makes one");
            }
            return unavailable(e);
        });
    }

    private static Throwable unavailable(Throwable cause) {
        return new ApiException(ErrorCode.NOTIFICATION_UNAVAILABLE,
                "Webhook secrets are unavailable right now; try again");
    }
}
