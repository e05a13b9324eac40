package io.autoflow.gateway.admission;

import io.autoflow.gateway.rest.ApiError;
import io.autoflow.gateway.rest.ErrorCode;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Accepts new work only when it can run: a submission whose workers (or the orchestrator) have left their consumer
 * group, or are more than {@code autoflow.admission.max-backlog} records behind, gets 503 {@code service_unavailable}
 * with {@code Retry-After}, before its body is read or anything is stored, instead of a 202 for a job that would sit
 * queued. Workers that may sleep at zero replicas ({@link WorkerAvailability#maySleep}) are judged by their backlog
 * alone: the job refused would be the record that wakes them.
 */
public class AdmissionFilter {

    private final WorkerAvailability workers;
    private final long maxBacklog;
    private final int retryAfterSeconds;

    public AdmissionFilter(WorkerAvailability workers,
            @ConfigProperty(name = "autoflow.admission.max-backlog") long maxBacklog,
            @ConfigProperty(name = "autoflow.admission.retry-after") int retryAfterSeconds) {
        this.workers = workers;
        this.maxBacklog = maxBacklog;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 20)
    public Optional<Response> refuseWorkThatCannotRun(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod())) {
            return Optional.empty();
        }
        return Workers.forSubmission(request.getUriInfo().getPath())
                .flatMap(needed -> refusal(Workers.ORCHESTRATOR)
                        .or(() -> needed.equals(Workers.ORCHESTRATOR) ? Optional.empty() : refusal(needed)));
    }

    private Optional<Response> refusal(Workers needed) {
        return workers.of(needed).flatMap(seen -> {
            if (seen.members() == 0 && !workers.maySleep(needed)) {
                return Optional.of(unavailable(needed.what() + " is not running right now, so nothing was accepted;"
                        + " try again in a minute"));
            }
            if (seen.backlog() > maxBacklog) {
                return Optional.of(unavailable(needed.what() + " is " + seen.backlog() + " jobs behind, so nothing"
                        + " was accepted; try again in a minute"));
            }
            return Optional.empty();
        });
    }

    private Response unavailable(String message) {
        return Response.fromResponse(ApiError.of(ErrorCode.SERVICE_UNAVAILABLE, message).toResponse())
                .header("Retry-After", retryAfterSeconds).build();
    }
}
