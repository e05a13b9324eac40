package io.autoflow.gateway.admission;

import io.autoflow.events.Topics;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The workers a kind of job needs, by the Kafka consumer group that takes its requests: every job also needs the
 * orchestrator, which takes the intents. The group names are the services' {@code group.id}s.
 *
 * @param what how the job is named to a user, e.g. "Document analysis"
 */
public record Workers(String what, String topic, String group) {

    public static final Workers ORCHESTRATOR = new Workers("Job handling", Topics.INTENTS, "orchestrator");

    private static final List<Route> ROUTES = List.of(
            new Route("/api/analytics/document",
                    new Workers("Document analysis", Topics.WORKFLOW_DOCUMENT_ANALYTICS, "analytics")),
            new Route("/api/transforms", new Workers("Data conversion", Topics.WORKFLOW_DATA_TRANSFORM, "transform")),
            new Route("/api/automations", new Workers("API calls", Topics.WORKFLOW_API_AUTOMATION, "automation")),
            new Route("/api/notifications", new Workers("Messages", Topics.NOTIFICATIONS, "notification")),
            new Route("/api/schedules", new Workers("Scheduling", Topics.WORKFLOW_TASK_SCHEDULER, "scheduler")));

    /**
     * A workflow's run ({@code POST /api/workflows/{id}/runs}, a failed one started again: {@code POST
     * /api/jobs/{id}/rerun}, or one a webhook starts: {@code POST /hooks/{token}}) is driven by the orchestrator, whose
     * steps go to the services they name: the orchestrator is what it needs at once.
     */
    private static final Pattern WORKFLOW_RUN = Pattern.compile(
            "/api/workflows/[^/]+/runs|/api/jobs/[^/]+/rerun|/hooks/[^/]+");

    private record Route(String path, Workers workers) {
    }

    /** The workers a POST to this path starts a job for, if it starts one. */
    public static Optional<Workers> forSubmission(String path) {
        if (WORKFLOW_RUN.matcher(path).matches()) {
            return Optional.of(ORCHESTRATOR);
        }
        return ROUTES.stream().filter(r -> r.path().equals(path)).map(Route::workers).findFirst();
    }

    /** Every group the gateway watches. */
    public static List<Workers> all() {
        return Stream.concat(Stream.of(ORCHESTRATOR), ROUTES.stream().map(Route::workers)).toList();
    }
}
