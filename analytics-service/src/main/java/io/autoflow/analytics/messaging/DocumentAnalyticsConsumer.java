package io.autoflow.analytics.messaging;

import io.autoflow.analytics.domain.AnalyticsJob;
import io.autoflow.analytics.service.AnalysisOutcome;
import io.autoflow.analytics.service.AnalyticsJobs;
import io.autoflow.analytics.service.DocumentAnalysis;
import io.autoflow.analytics.service.DocumentSource;
import io.autoflow.analytics.service.ErasedUsers;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.EventJson;
import io.autoflow.events.Intents;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.ingest.IngestException;
import io.autoflow.service.VertxContexts;
import io.autoflow.service.failure.TransientRetry;
import io.autoflow.service.failure.UniqueViolation;
import io.autoflow.service.messaging.DeferredStart;
import io.autoflow.service.messaging.ExecutionEvents;
import io.autoflow.service.tracing.JobContext;
import io.autoflow.service.work.BoundedWork;
import io.autoflow.service.work.ConcurrentRecords;
import io.autoflow.service.work.TierProcessingTimes;
import io.autoflow.service.work.WorkTimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Handles document analytics requests, fetching the document first when the request gives only its web address.
 * Several documents are analysed at once, each independently of the records around it and at most a few of one user's
 * while others wait ({@link ConcurrentRecords}), so neither a slow document nor one user's many hold up anybody else's; each runs under its tier's processing time ({@link BoundedWork}) and fails with
 * {@code processing_timeout} past it. A record is acknowledged only after its outcome is stored and announced, so a
 * worker that dies mid-job leaves the request to be redelivered; a request whose job already finished is answered
 * again with the stored outcome, so a redelivery never runs or changes a job twice; and a request that has taken its
 * worker down {@code max-attempts} times fails with {@code worker_lost} and goes to the dead-letter topic, so a
 * restart never loops on it. The work of a user erased meanwhile is not run, or is thrown away when it ends.
 */
@ApplicationScoped
public class DocumentAnalyticsConsumer {

    private static final Logger LOG = Logger.getLogger(DocumentAnalyticsConsumer.class);

    private final AnalyticsJobs jobs;
    private final DocumentAnalysis analysis;
    private final ExecutionEvents events;
    private final ErasedUsers erased;
    private final DocumentSource documents;
    private final BoundedWork work;
    private final TierProcessingTimes processingTimes;
    private final ConcurrentRecords records;
    private final TransientRetry retry;
    private final int maxAttempts;

    public DocumentAnalyticsConsumer(AnalyticsJobs jobs, DocumentAnalysis analysis, ExecutionEvents events,
            ErasedUsers erased, DocumentSource documents, BoundedWork work, TierProcessingTimes processingTimes,
            TransientRetry retry,
            @ConfigProperty(name = "autoflow.analytics.concurrency") int concurrency,
            @ConfigProperty(name = "autoflow.analytics.concurrency-per-user") int perUser,
            @ConfigProperty(name = "autoflow.analytics.max-attempts") int maxAttempts) {
        this.documents = documents;
        this.jobs = jobs;
        this.analysis = analysis;
        this.events = events;
        this.erased = erased;
        this.work = work;
        this.processingTimes = processingTimes;
        this.records = new ConcurrentRecords(concurrency, perUser);
        this.maxAttempts = maxAttempts;
        this.retry = retry;
    }

    @Incoming("document-analytics")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> onRecord(Message<AnalyzeDocument> record) {
        return records.handle(record, request -> request == null ? null : request.userId(), this::onRequest);
    }

    /** Documents being analysed now. */
    public int inFlight() {
        return records.inFlight();
    }

    Uni<Void> onRequest(AnalyzeDocument request) {
        if (request == null || request.executionId() == null) {
            throw new MalformedEventException(Topics.WORKFLOW_DOCUMENT_ANALYTICS);
        }
        JobContext.enter(request.executionId(), request.userId(), Intents.DOCUMENT_ANALYTICS);
        String id = request.executionId();
        return reliably("Take-up", id, () -> erased.isErased(request.userId())).chain(gone -> gone ? skip(request)
                : reliably("Take-up", id, () -> jobs.takeUp(request))
                // Another replica took the same request up at this very moment (a partition handed over mid-work):
                // it analyses the document; this one leaves it.
                .onFailure(UniqueViolation::caused).recoverWithNull()
                .chain(job -> {
                    if (job == null) {
                        LOG.infof("Job %s is being analysed by another replica", id);
                        return Uni.createFrom().voidItem();
                    }
                    if (job.isFinished()) {
                        return reliably("Outcome", id, () -> events.publish(AnalyticsJobs.finalEvent(job)));
                    }
                    if (job.attempts > maxAttempts) {
                        return lost(request, job);
                    }
                    return run(request);
                })).onFailure().invoke(e -> LOG.errorf(e, "Request for job %s failed; it goes to the dead-letter topic",
                request.executionId()));
    }

    private Uni<Void> run(AnalyzeDocument request) {
        // Database work must come back to this Vert.x context after the analysis ran on a thread of its own.
        Executor onContext = VertxContexts.current();
        String id = request.executionId();
        Duration limit = processingTimes.of(request.tier());
        Instant deadline = Instant.now().plus(limit);
        // Announced only if the analysis is still at work after a while; a quick one's outcome says when it began.
        DeferredStart start = events.starting(id);
        return documents.stored(request)
                .call(stored -> stored == request ? Uni.createFrom().voidItem()
                        : reliably("Record", id, () -> jobs.fetched(stored)))
                .chain(stored -> {
                    // What the fetch left of the job's time, for each run: waiting out the store is not processing.
                    Duration budget = TierProcessingTimes.remaining(deadline);
                    LOG.infof("Job %s: analysing %d bytes within %d s", id, stored.sizeBytes(), budget.toSeconds());
                    return reliably("Analysis", id, () -> work.run("analysis-" + id, budget,
                            () -> analysis.analyze(stored)));
                })
                .onFailure(IngestException.class).recoverWithItem(e -> AnalysisOutcome.failure(
                        ((IngestException) e).toErrorInfo()))
                .onFailure(WorkTimeoutException.class).recoverWithItem(() -> timedOut(request, limit))
                .emitOn(onContext)
                .call(outcome -> reliably("Record", id, () -> jobs.finish(id, outcome)))
                .chain(outcome -> reliably("Outcome", id, () -> erased.isErased(request.userId())
                        .chain(goneSince -> goneSince ? erased.discard(request.userId(), id)
                                : events.publish(start.ending(outcome.toEvent(id))))))
                .eventually(start::close);
    }

    /**
     * A step of ours (the job's record, an event, the analysis) riding out the database, the broker or the blob store
     * away for a while. The analysis is repeated only when the store failed it transiently (a failed document is an
     * outcome, not a failure), and a repeat is not counted as another attempt.
     */
    private <T> Uni<T> reliably(String step, String id, java.util.function.Supplier<Uni<? extends T>> work) {
        return retry.handle(Topics.WORKFLOW_DOCUMENT_ANALYTICS, step + " of job " + id, work);
    }

    /**
     * The request has taken its worker down too often (each redelivery after a crash counts): the job fails, and the
     * record goes to the dead-letter topic with the reason, for an operator to look at.
     */
    private Uni<Void> lost(AnalyzeDocument request, AnalyticsJob job) {
        String id = request.executionId();
        ErrorInfo error = new ErrorInfo("worker_lost", "The document stopped its worker " + (job.attempts - 1)
                + " times; it is not tried again", EventJson.mapper().createObjectNode()
                        .put("attempts", job.attempts - 1));
        AnalysisOutcome outcome = AnalysisOutcome.failure(error);
        return reliably("Record", id, () -> jobs.finish(id, outcome))
                .chain(() -> reliably("Outcome", id, () -> events.publish(outcome.toEvent(id))))
                .chain(() -> Uni.createFrom().failure(new WorkerLostException(id, job.attempts - 1)));
    }

    private static AnalysisOutcome timedOut(AnalyzeDocument request, Duration limit) {
        LOG.warnf("Job %s passed its %d s and was stopped", request.executionId(), limit.toSeconds());
        return AnalysisOutcome.failure(TierProcessingTimes.timeoutError(request.tier(), limit));
    }

    /** A request of a user who was erased meanwhile is not run: nothing of theirs is made again. */
    private static Uni<Void> skip(AnalyzeDocument request) {
        LOG.infof("Job %s not run: its user was erased", request.executionId());
        return Uni.createFrom().voidItem();
    }

    /** Why a record went to the dead-letter topic: it took its worker down too often. */
    static final class WorkerLostException extends RuntimeException {
        WorkerLostException(String executionId, int attempts) {
            super("Job " + executionId + " stopped its worker " + attempts + " times");
        }
    }
}
