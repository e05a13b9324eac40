package io.autoflow.gateway.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A query parameter given without a value ({@code ?limit=}, {@code ?id=}) is refused, not read as absent: no
 * parameter of the API means anything when empty, and read as absent {@code POST …/replay?id=} would replay every
 * dead letter. After authentication, so that a request without a credential learns that first.
 */
public class EmptyQueryValues {

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 6, nonBlocking = true)
    public Optional<Response> refuseEmptyValues(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters().entrySet()) {
            if (parameter.getValue().stream().anyMatch(value -> value == null || value.isEmpty())) {
                return Optional.of(ApiError.of(ErrorCode.INVALID_REQUEST, "'" + parameter.getKey() + "' is empty:"
                        + " give it a value or leave it out", null, parameter.getKey()).toResponse());
            }
        }
        return Optional.empty();
    }
}
