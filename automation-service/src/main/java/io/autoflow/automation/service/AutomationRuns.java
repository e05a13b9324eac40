package io.autoflow.automation.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.automation.domain.AutomationRun;
import io.autoflow.blob.BlobStore;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.RunAutomation;
import io.autoflow.service.VertxContexts;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The service's record of each call it was asked to make, so a redelivered request does not call the API again. */
@ApplicationScoped
public class AutomationRuns {

    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);

    private final BlobStore blobs;
    private final AutomationConfig config;

    public AutomationRuns(BlobStore blobs, AutomationConfig config) {
        this.blobs = blobs;
        this.config = config;
    }

    /**
     * The run's record, created as running and claimed by this replica when it is new, or claimed again when the
     * replica that took it up is presumed gone (its claim ran out); a finished run as it is. Null while another replica
     * holds the claim: it is making the call, and a second call could change the user's data twice. The row is
     * locked while it is looked at, so two replicas never both claim it.
     */
    @WithTransaction
    public Uni<AutomationRun> findOrStart(RunAutomation request) {
        UUID id = UUID.fromString(request.executionId());
        Instant now = Instant.now();
        return AutomationRun.<AutomationRun>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            if (existing != null) {
                if (existing.isFinished()) {
                    return Uni.createFrom().item(existing);
                }
                if (existing.isClaimed(now)) {
                    return Uni.createFrom().nullItem();
                }
                existing.claimedUntil = now.plus(claimFor());
                return Uni.createFrom().item(existing);
            }
            AutomationRun run = new AutomationRun();
            run.executionId = id;
            run.userId = request.userId();
            run.method = request.method() == null ? "GET" : request.method();
            run.url = request.url();
            run.status = AutomationRun.RUNNING;
            run.createdAt = now;
            run.claimedUntil = now.plus(claimFor());
            return run.<AutomationRun>persist();
        });
    }

    /** A run's calls end within the total time; a margin more for the store steps around them. */
    private Duration claimFor() {
        return config.totalTime().plus(CLAIM_MARGIN);
    }

    @WithTransaction
    public Uni<Void> finish(String executionId, RunOutcome outcome) {
        return AutomationRun.<AutomationRun>findById(UUID.fromString(executionId)).invoke(run -> {
            if (run == null) {
                return; // its user was erased while it ran
            }
            run.status = outcome.error() == null ? AutomationRun.COMPLETED : AutomationRun.FAILED;
            run.result = EventJson.write(outcome.result());
            run.error = EventJson.write(outcome.error());
            run.completedAt = Instant.now();
            run.claimedUntil = null;
        }).replaceWithVoid();
    }

    /** The event that announced a finished run, to announce it again when its request is redelivered. */
    public static ExecutionEvent finalEvent(AutomationRun run) {
        String id = run.executionId.toString();
        ExecutionEvent ending = AutomationRun.COMPLETED.equals(run.status)
                ? ExecutionEvent.completed(id, EventJson.read(run.result, JsonNode.class))
                : ExecutionEvent.failed(id, EventJson.read(run.error, ErrorInfo.class));
        return ending.startedAt(run.createdAt); // its start may never have been announced (DeferredStart)
    }

    /** Erasure of a user (GDPR): their runs, the calls' headers and bodies, and the answers go. */
    @WithTransaction
    public Uni<Void> forget(String userId) {
        return AutomationRun.delete("userId", userId)
                .chain(() -> VertxContexts.blocking(() -> blobs.deleteAll("automations/" + userId + "/")))
                .replaceWithVoid();
    }
}
