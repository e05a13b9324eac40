package io.autoflow.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every error body the API returns: the HTTP status, a stable lower_snake_case code, a message, details, and the
 * request's field that is wrong ({@code param}, as Stripe names it) when one is.
 */
public record ApiError(int status, String code, String message, JsonNode details,
        @JsonInclude(JsonInclude.Include.NON_NULL) String param) {

    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, null, null);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
    }
}
