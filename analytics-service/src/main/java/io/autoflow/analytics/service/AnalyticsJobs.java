package io.autoflow.analytics.service;

import com.fasterxml.jackson.core.JsonProcessingException;
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

    /** The job's record, created as processing when it is new. */
    @WithTransaction
    public Uni<AnalyticsJob> findOrStart(AnalyzeDocument request) {
        UUID id = UUID.fromString(request.executionId());
        return AnalyticsJob.<AnalyticsJob>findById(id).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            AnalyticsJob job = new AnalyticsJob();
            job.executionId = id;
            job.userId = request.userId();
            job.fileName = request.fileName();
            job.fileType = request.contentType();
            job.fileSizeBytes = request.sizeBytes();
            job.blobKey = request.blobKey();
            job.analysisType = request.analyses() == null ? null : String.join(",", request.analyses());
            job.status = AnalyticsJob.PROCESSING;
            job.createdAt = Instant.now();
            return job.<AnalyticsJob>persist();
        });
    }

    @WithTransaction
    public Uni<Void> finish(String executionId, AnalysisOutcome outcome) {
        return AnalyticsJob.<AnalyticsJob>findById(UUID.fromString(executionId)).invoke(job -> {
            job.status = outcome.error() == null ? AnalyticsJob.COMPLETED : AnalyticsJob.FAILED;
            job.results = write(outcome.result());
            job.error = write(outcome.error());
            job.completedAt = Instant.now();
        }).replaceWithVoid();
    }

    /** The event that announced a finished job, to announce it again when its request is redelivered. */
    public static ExecutionEvent finalEvent(AnalyticsJob job) {
        try {
            String id = job.executionId.toString();
            return AnalyticsJob.COMPLETED.equals(job.status)
                    ? ExecutionEvent.completed(id, EventJson.mapper().readTree(job.results))
                    : ExecutionEvent.failed(id, EventJson.mapper().readValue(job.error, ErrorInfo.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored outcome of " + job.executionId + " is unreadable", e);
        }
    }

    private static String write(Object value) {
        try {
            return value == null ? null : EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
