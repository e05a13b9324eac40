package io.autoflow.analytics.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.autoflow.analytics.domain.AnalyticsJob;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.ExecutionEvent;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** The analytics service's record of each document it was asked to analyse. */
@ApplicationScoped
public class AnalyticsJobs {

    /**
     * The job's record, created as processing when it is new; an unfinished job taken up again counts one more
     * attempt, committed before the work starts, so that a request that kills its worker is known as such.
     */
    @WithTransaction
    public Uni<AnalyticsJob> takeUp(AnalyzeDocument request) {
        UUID id = UUID.fromString(request.executionId());
        return AnalyticsJob.<AnalyticsJob>findById(id).chain(existing -> {
            if (existing != null) {
                if (!existing.isFinished()) {
                    existing.attempts++;
                }
                return Uni.createFrom().item(existing);
            }
            AnalyticsJob job = new AnalyticsJob();
            job.executionId = id;
            job.userId = request.userId();
            job.fileName = request.fileName();
            job.fileType = request.contentType();
            job.fileSizeBytes = request.sizeBytes();
            job.blobKey = DocumentSource.storedAt(request);
            job.analysisType = request.analyses() == null ? null : String.join(",", request.analyses());
            job.status = AnalyticsJob.PROCESSING;
            job.attempts = 1;
            job.createdAt = Instant.now();
            return job.<AnalyticsJob>persist();
        });
    }

    /** Records the document fetched for the job when it started. */
    @WithTransaction
    public Uni<Void> fetched(AnalyzeDocument request) {
        return AnalyticsJob.<AnalyticsJob>findById(UUID.fromString(request.executionId())).invoke(job -> {
            if (job != null) {
                job.fileName = request.fileName();
                job.fileType = request.contentType();
                job.fileSizeBytes = request.sizeBytes();
                job.blobKey = request.blobKey();
            }
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> finish(String executionId, AnalysisOutcome outcome) {
        return AnalyticsJob.<AnalyticsJob>findById(UUID.fromString(executionId)).invoke(job -> {
            if (job == null) {
                return; // its user was erased while it ran
            }
            job.status = outcome.error() == null ? AnalyticsJob.COMPLETED : AnalyticsJob.FAILED;
            job.results = EventJson.write(outcome.result());
            job.error = EventJson.write(outcome.error());
            if (outcome.result() != null) {
                job.charts = EventJson.write(outcome.result().charts());
                job.reportUrl = outcome.result().reportUrl();
            }
            job.completedAt = Instant.now();
        }).replaceWithVoid();
    }

    /** The event that announced a finished job, to announce it again when its request is redelivered. */
    public static ExecutionEvent finalEvent(AnalyticsJob job) {
        String id = job.executionId.toString();
        ExecutionEvent ending = AnalyticsJob.COMPLETED.equals(job.status)
                ? ExecutionEvent.completed(id, EventJson.read(job.results, JsonNode.class))
                : ExecutionEvent.failed(id, EventJson.read(job.error, ErrorInfo.class));
        return ending.startedAt(job.createdAt); // its start may never have been announced (DeferredStart)
    }
}
