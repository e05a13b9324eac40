package io.autoflow.gateway.rest;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A workflow's run ({@code POST /api/workflows/{id}/runs}) takes its payload as an optional JSON body, so a run
 * without one may well come without a {@code Content-Type} ({@code curl -X POST}), or with whatever type its client
 * sets by default: a request declaring no body is read as JSON with nothing in it (no payload) instead of being refused
 * 415 for a type that describes nothing. A request with a body still needs {@code application/json}.
 */
public class OptionalRunBody {

    private static final Pattern RUNS = Pattern.compile("/api/workflows/[^/]+/runs");

    @ServerRequestFilter(preMatching = true, priority = Priorities.HEADER_DECORATOR, nonBlocking = true)
    public void noBodyIsNoPayload(ContainerRequestContext request) {
        if (HttpMethod.POST.equals(request.getMethod()) && declaresNoBody(request)
                && RUNS.matcher(request.getUriInfo().getPath()).matches()) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }

    private static boolean declaresNoBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") == null && (length == null || length.strip().equals("0"));
    }
}
