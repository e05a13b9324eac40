package io.autoflow.gateway.client;

import io.autoflow.events.DailyProcessing;
import io.autoflow.events.ExecutionView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks the orchestrator, which owns job records, where a job stands. */
@ApplicationScoped
public class JobStatusClient {

    private final OrchestratorApi api;
    private final RunControlApi runs;

    public JobStatusClient(@RestClient OrchestratorApi api, @RestClient RunControlApi runs) {
        this.api = api;
        this.runs = runs;
    }

    /** The job as the orchestrator knows it, or {@code null} when it has not recorded it (yet). */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = WebApplicationException.class)
    public Uni<ExecutionView> get(String jobId, String userId) {
        return api.get(jobId, userId).onFailure(JobStatusClient::isNotFound).recoverWithNull();
    }

    /**
     * Cancels the user's workflow run under way: the run as it ends (failed, {@code cancelled}), or {@code null} when
     * the orchestrator knows no such job of the user. Its refusals ({@code run_finished}, {@code not_cancellable})
     * fail as {@link Refused}. Not retried: a cancellation that went through before its answer was lost would be
     * refused as {@code run_finished} the second time.
     */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    public Uni<ExecutionView> cancel(String jobId, String userId) {
        return runs.cancel(jobId, userId).onFailure(JobStatusClient::isNotFound).recoverWithNull();
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = WebApplicationException.class)
    public Uni<List<ExecutionView>> byIds(String userId, List<String> jobIds) {
        return jobIds.isEmpty() ? Uni.createFrom().item(List.of()) : api.list(userId, jobIds.size(), 0, jobIds);
    }

    /** A page of the user's jobs, newest first; page 0 is the newest. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = WebApplicationException.class)
    public Uni<List<ExecutionView>> page(String userId, int limit, int page) {
        return api.list(userId, limit, page, List.of());
    }

    /** Jobs and processing seconds per UTC day. */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 100, abortOn = WebApplicationException.class)
    public Uni<List<DailyProcessing>> processingByDay(String userId, int days) {
        return api.usage(userId, days);
    }

    private static boolean isNotFound(Throwable e) {
        return e instanceof WebApplicationException w && w.getResponse().getStatus() == 404;
    }
}
