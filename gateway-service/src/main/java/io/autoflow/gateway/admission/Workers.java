package io.autoflow.gateway.admission;

import io.autoflow.events.Topics;
import java.util.List;
import java.util.Optional;

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

    private record Route(String path, Workers workers) {
    }

    /** The workers a POST to this path starts a job for, if it starts one. */
    public static Optional<Workers> forSubmission(String path) {
        return ROUTES.stream().filter(r -> r.path().equals(path)).map(Route::workers).findFirst();
    }

    /** Every group the gateway watches. */
    public static List<Workers> all() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(ORCHESTRATOR),
                ROUTES.stream().map(Route::workers)).toList();
    }
}
