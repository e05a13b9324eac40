package io.autoflow.gateway.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A job's event stream answers 200 as soon as it starts, so whether the caller owns the job is decided before:
 * another user's (or an unknown) job is a 404 with the usual JSON error, and the orchestrator not answering about a
 * job only it knows a 503.
 */
public class EventStreamOwnership {

    private static final Pattern EVENTS = Pattern.compile("/api/jobs/([^/]+)/events");

    private final JobResource jobs;

    public EventStreamOwnership(JobResource jobs) {
        this.jobs = jobs;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 7, nonBlocking = true)
    public Uni<Response> onlyTheOwnersJob(ContainerRequestContext request) {
        Matcher events = EVENTS.matcher(request.getUriInfo().getPath());
        if (!events.matches()) {
            return Uni.createFrom().nullItem();
        }
        return jobs.owns(events.group(1)).replaceWith((Response) null)
                .onFailure(ApiException.class).recoverWithItem(refused -> ((ApiException) refused).toError()
                        .toResponse());
    }

}
