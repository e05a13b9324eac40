package io.autoflow.gateway.service;

import io.autoflow.gateway.messaging.JobUpdates;
import io.autoflow.gateway.rest.JobView;
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
    /** A marker after the final view, never sent: the stream stops at it. */
    private static final JobView END_OF_STREAM = new JobView(null, null, null, null, null, null, null, null, 0,
            null, null, null, null, null, null, null, null, java.util.List.of());

    private final JobUpdates updates;
    private final Duration safetyPoll;

    public JobEventStreams(JobUpdates updates,
            @ConfigProperty(name = "autoflow.job-events.safety-poll") Duration safetyPoll) {
        this.updates = updates;
        this.safetyPoll = safetyPoll;
    }

    /** @param look the job's current view (null values are skipped) */
    public Multi<JobView> follow(String jobId, Supplier<Uni<JobView>> look) {
        AtomicReference<String> last = new AtomicReference<>("");
        Multi<Object> lookAgain = Multi.createBy().merging().streams(
                Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(safetyPoll)
                        .onOverflow().drop().map(Object.class::cast),
                updates.of(jobId).map(Object.class::cast));
        return lookAgain
                .onItem().transformToUniAndConcatenate(reason -> look.get())
                .select().where(view -> view != null && !last.getAndSet(view.state()).equals(view.state()))
                .onItem().transformToMultiAndConcatenate(view -> view.hasEnded()
                        ? Multi.createFrom().items(view, END_OF_STREAM) : Multi.createFrom().item(view))
                .select().first(view -> view != END_OF_STREAM)
                .select().first(LONGEST);
    }
}
