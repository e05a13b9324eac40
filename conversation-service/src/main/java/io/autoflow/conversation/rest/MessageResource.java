package io.autoflow.conversation.rest;

import io.autoflow.conversation.dialogue.Dialogue;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

/**
 * Internal API for the gateway: one turn of a user's conversation, {@code POST /conversation/messages} with
 * {@code {"user_id", "session_id"?, "message", "attachment"?, "time_zone"?}}. The gateway authenticates the user;
 * this service trusts the id it is given and nothing the message says about users.
 */
@Path("/conversation/messages")
public class MessageResource {

    private final Dialogue dialogue;

    public MessageResource(Dialogue dialogue) {
        this.dialogue = dialogue;
    }

    /**
     * @param attachment the reference of a document the gateway stored for this message, or null
     * @param timeZone the user's time zone (for schedules that name none), or null
     */
    public record MessageRequest(String userId, String sessionId, String message, String attachment,
            String timeZone) {
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Dialogue.Reply message(MessageRequest request) {
        if (request == null || request.userId() == null || request.userId().isBlank()) {
            throw new WebApplicationException("user_id is required", 400);
        }
        return dialogue.handle(request.userId(), request.sessionId(), ParseResource.checked(request.message()),
                request.attachment(), request.timeZone());
    }
}
