package io.autoflow.conversation.rest;

import static io.autoflow.testsupport.InternalRequests.given;

import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.Map;

/** One turn of a conversation, sent as the gateway sends it: {@code POST /conversation/messages}, answered 200. */
final class ConversationTurns {

    private ConversationTurns() {
    }

    static ValidatableResponse send(String user, String session, String message) {
        return send(user, session, message, null);
    }

    /** @param attachment the reference of a document attached to the message, or null */
    static ValidatableResponse send(String user, String session, String message, String attachment) {
        Map<String, String> body = new HashMap<>(Map.of("user_id", user, "message", message));
        if (attachment != null) {
            body.put("attachment", attachment);
        }
        if (session != null) {
            body.put("session_id", session);
        }
        return given().contentType("application/json").body(body).post("/conversation/messages").then()
                .statusCode(200);
    }
}
