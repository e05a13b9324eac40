package io.autoflow.gateway.messaging;

import io.autoflow.events.JobUpdated;
import io.autoflow.events.Topics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The orchestrator's job updates, for the job event streams this gateway instance holds. Every instance reads every
 * update (a consumer group of its own, from the newest record, nothing committed), since any instance may hold the
 * stream of a given job; an update for a job nobody here follows is dropped at once.
 */
@ApplicationScoped
public class JobUpdates {

    private final Map<String, Set<MultiEmitter<? super JobUpdated>>> followers = new ConcurrentHashMap<>();

    @Incoming(Topics.JOB_UPDATES)
    void onUpdate(JobUpdated update) {
        if (update == null || update.executionId() == null) {
            return;
        }
        Set<MultiEmitter<? super JobUpdated>> watching = followers.get(update.executionId());
        if (watching != null) {
            watching.forEach(emitter -> emitter.emit(update));
        }
    }

    /** The job's updates from now on; a slow reader keeps only the newest. */
    public Multi<JobUpdated> of(String jobId) {
        return Multi.createFrom().emitter(emitter -> {
            followers.computeIfAbsent(jobId, id -> ConcurrentHashMap.newKeySet()).add(emitter);
            emitter.onTermination(() -> followers.computeIfPresent(jobId, (id, set) -> {
                set.remove(emitter);
                return set.isEmpty() ? null : set;
            }));
        }, BackPressureStrategy.LATEST);
    }

    /** How many jobs this instance follows now (for tests and metrics). */
    public int followedJobs() {
        return followers.size();
    }
}
