package io.autoflow.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every error body the API returns: the HTTP status, a stable lower_snake_case code, a message and details. */
public record ApiError(int status, String code, String message, JsonNode details) {

    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, null);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
    }
}
