package io.autoflow.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every error body the API returns, as an RFC 9457 problem ({@code application/problem+json}: {@code type}
 * {@code about:blank}, {@code title} the status's phrase, {@code status}, {@code detail}) with our members: a stable
 * lower_snake_case {@code code}, the {@code message} (the same as {@code detail}; the name v1 clients read),
 * {@code details}, and the request's field that is wrong ({@code param}, as Stripe names it) when one is.
 */
public record ApiError(String type, String title, int status, String detail, String code, String message,
        JsonNode details, @JsonInclude(JsonInclude.Include.NON_NULL) String param) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** RFC 9457's type for a problem that its status and our {@code code} say all of. */
    static final String TYPE = "about:blank";

    public static ApiError of(ErrorCode code, String message) {
        return of(code, message, null, null);
    }

    public static ApiError of(ErrorCode code, String message, JsonNode details, String param) {
        return new ApiError(TYPE, code.title(), code.status(), message, code.code(), message, details, param);
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
