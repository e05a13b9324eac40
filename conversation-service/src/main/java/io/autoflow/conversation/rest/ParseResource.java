package io.autoflow.conversation.rest;

import io.autoflow.conversation.parse.OfflineParser;
import io.autoflow.conversation.parse.ParsedMessage;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

/**
 * Internal API: what a message asks for, by the offline parser. {@code POST /conversation/parse} with
 * {@code {"message": "..."}}. The gateway's {@code /api/chat} and the dialogue build on it (issue 4, next slices).
 */
@Path("/conversation/parse")
public class ParseResource {

    /** Long enough for any request a person types; a longer text is a document, not a message. */
    static final int MAX_MESSAGE_CHARS = 4000;

    private final OfflineParser parser;

    public ParseResource(OfflineParser parser) {
        this.parser = parser;
    }

    public record ParseRequest(String message) {
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ParsedMessage parse(ParseRequest request) {
        return parser.parse(checked(request == null ? null : request.message()));
    }

    /** The message, if there is one and it is not too long; otherwise a 400 or a 413. */
    static String checked(String message) {
        if (message == null || message.isBlank()) {
            throw new WebApplicationException("Send the message as {\"message\": \"...\"}", 400);
        }
        if (message.length() > MAX_MESSAGE_CHARS) {
            throw new WebApplicationException("The message is longer than " + MAX_MESSAGE_CHARS + " characters", 413);
        }
        return message;
    }
}
