package io.autoflow.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.autoflow.gateway.messaging.JobUpdates;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A job's view as a live stream: looked at when the orchestrator says the job changed ({@code job-updates}) and, in
 * case such a word is lost, every safety-poll interval; passed on only when what a watcher cares about changed
 * (status, progress, delivery); ended after the final view, or after 15 minutes (the client then reconnects).
 */
@ApplicationScoped
public class JobEventStreams {

    private static final Duration LONGEST = Duration.ofMinutes(15);
    private static final JsonNode END_OF_STREAM = NullNode.getInstance();

    private final JobUpdates updates;
    private final Duration safetyPoll;

    public JobEventStreams(JobUpdates updates,
            @ConfigProperty(name = "autoflow.job-events.safety-poll") Duration safetyPoll) {
        this.updates = updates;
        this.safetyPoll = safetyPoll;
    }

    /** @param look the job's current view (null values are skipped) */
    public Multi<JsonNode> follow(String jobId, Supplier<Uni<JsonNode>> look) {
        AtomicReference<String> last = new AtomicReference<>("");
        Multi<Object> lookAgain = Multi.createBy().merging().streams(
                Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(safetyPoll)
                        .onOverflow().drop().map(Object.class::cast),
                updates.of(jobId).map(Object.class::cast));
        return lookAgain
                .onItem().transformToUniAndConcatenate(reason -> look.get())
                .select().where(view -> view != null && !last.getAndSet(stateOf(view)).equals(stateOf(view)))
                .onItem().transformToMultiAndConcatenate(view -> isFinal(view)
                        ? Multi.createFrom().items(view, END_OF_STREAM) : Multi.createFrom().item(view))
                .select().first(view -> view != END_OF_STREAM)
                .select().first(LONGEST);
    }

    /** What a client watching the job cares about changing. */
    private static String stateOf(JsonNode view) {
        return view.path("status").asText() + "|" + view.path("progress").asText() + "|"
                + view.path("delivery_status").asText();
    }

    /** Finished, and its hand-over too. */
    private static boolean isFinal(JsonNode view) {
        String status = view.path("status").asText();
        String delivery = view.path("delivery_status").asText("ready");
        return (status.equals("completed") || status.equals("failed"))
                && !delivery.equals("pending") && !delivery.equals("retrying");
    }
}
