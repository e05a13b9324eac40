package io.autoflow.gateway.rest;

import io.autoflow.events.ExecutionView;
import io.autoflow.gateway.client.JobStatusClient;
import io.autoflow.gateway.domain.Job;
import io.autoflow.gateway.service.Jobs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Which jobs a caller may see. Ownership is checked against the gateway's own record first, so another user's job is
 * a 404 without asking the orchestrator; a job the gateway has no record of (a workflow step's, which the orchestrator
 * made) is the caller's when the orchestrator knows it as theirs. The orchestrator not answering is a 503.
 */
@ApplicationScoped
public class OwnedJobs {

    private final Jobs jobs;
    private final JobStatusClient status;

    public OwnedJobs(Jobs jobs, JobStatusClient status) {
        this.jobs = jobs;
        this.status = status;
    }

    /** A job the caller may see, and what the orchestrator knows of it ({@code null}: nothing yet). */
    record Owned(Job job, ExecutionView known) {
    }

    /** The caller's job with the orchestrator's record of it. */
    Uni<Owned> find(UUID jobId, UUID owner) {
        return find(jobId, owner, true);
    }

    /**
     * The caller's job to follow: a job the gateway recorded is not asked about, as its events show it queued until
     * the orchestrator answers (its known is then null).
     */
    Uni<Owned> toFollow(UUID jobId, UUID owner) {
        return find(jobId, owner, false);
    }

    private Uni<Owned> find(UUID jobId, UUID owner, boolean recordedNeedsStatus) {
        return recorded(jobId, owner).chain(recorded -> {
            if (recorded != null && !recordedNeedsStatus) {
                return Uni.createFrom().item(new Owned(recorded, null));
            }
            return known(jobId, owner).map(known -> {
                if (recorded != null) {
                    return new Owned(recorded, known);
                }
                if (known == null) {
                    throw notFound();
                }
                return new Owned(JobViews.orchestrated(jobId, owner, known), known);
            });
        });
    }

    /**
     * The gateway's record of the caller's job, or {@code null} when it has none of that id; a 404 when the gateway
     * recorded it for another user.
     */
    Uni<Job> recorded(UUID jobId, UUID owner) {
        return jobs.byId(jobId).map(recorded -> {
            if (recorded != null && !recorded.userId.equals(owner)) {
                throw notFound();
            }
            return recorded;
        });
    }

    /** What the orchestrator knows of the caller's job ({@code null}: nothing); a 503 when it does not answer. */
    Uni<ExecutionView> known(UUID jobId, UUID owner) {
        return status.get(jobId.toString(), owner.toString()).onFailure().transform(OwnedJobs::unavailable);
    }

    /** A job id from a path; one that is no UUID names no job. */
    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    static ApiException notFound() {
        return new ApiException(ErrorCode.JOB_NOT_FOUND, "No such job");
    }

    static Throwable unavailable(Throwable cause) {
        return new ApiException(ErrorCode.ORCHESTRATOR_UNAVAILABLE, "Job status is unavailable right now; try again");
    }
}
