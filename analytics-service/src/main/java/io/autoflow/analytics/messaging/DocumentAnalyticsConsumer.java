package io.autoflow.analytics.messaging;

import io.autoflow.analytics.service.AnalysisOutcome;
import io.autoflow.analytics.service.AnalyticsJobs;
import io.autoflow.analytics.service.DocumentAnalysis;
import io.autoflow.analytics.service.DocumentSource;
import io.autoflow.analytics.service.ErasedUsers;
import io.autoflow.events.AnalyzeDocument;
import io.autoflow.events.ErrorInfo;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.ingest.IngestException;
import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Handles document analytics requests, fetching the document first when the request gives only its web address. The
 * record's offset is committed only after the outcome is stored and announced, so a worker that dies mid-job leaves
 * the request to be redelivered; a request whose job already finished is answered again with the stored outcome, so
 * a redelivery never runs or changes a job twice. The work of a user erased meanwhile is not run, or is thrown away
 * when it ends.
 */
@ApplicationScoped
public class DocumentAnalyticsConsumer {

    private static final Logger LOG = Logger.getLogger(DocumentAnalyticsConsumer.class);

    private final AnalyticsJobs jobs;
    private final DocumentAnalysis analysis;
    private final ExecutionEvents events;
    private final ErasedUsers erased;
    private final DocumentSource documents;

    public DocumentAnalyticsConsumer(AnalyticsJobs jobs, DocumentAnalysis analysis, ExecutionEvents events,
            ErasedUsers erased, DocumentSource documents) {
        this.documents = documents;
        this.jobs = jobs;
        this.analysis = analysis;
        this.events = events;
        this.erased = erased;
    }

    /** A request of a user who was erased meanwhile is not run: nothing of theirs is made again. */
    private static Uni<Void> skip(AnalyzeDocument request) {
        LOG.infof("Job %s not run: its user was erased", request.executionId());
        return Uni.createFrom().voidItem();
    }

    @Incoming("document-analytics")
    public Uni<Void> onRequest(AnalyzeDocument request) {
        if (request == null || request.executionId() == null) {
            throw new MalformedEventException(Topics.WORKFLOW_DOCUMENT_ANALYTICS);
        }
        // Database work must come back to this Vert.x context after the analysis ran on a worker thread.
        Executor onContext = VertxContexts.current();
        String id = request.executionId();
        return erased.isErased(request.userId()).chain(gone -> gone ? skip(request) : jobs.findOrStart(request)
                .chain(job -> {
                    if (job.isFinished()) {
                        return events.publish(AnalyticsJobs.finalEvent(job));
                    }
                    return events.publish(ExecutionEvent.started(id))
                            .chain(() -> documents.stored(request))
                            .call(stored -> stored == request ? Uni.createFrom().voidItem() : jobs.fetched(stored))
                            .chain(stored -> Uni.createFrom().item(() -> analysis.analyze(stored))
                                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                            .onFailure(IngestException.class).recoverWithItem(e -> AnalysisOutcome.failure(
                                    ErrorInfo.of(((IngestException) e).code(), e.getMessage())))
                            .emitOn(onContext)
                            .call(outcome -> jobs.finish(id, outcome))
                            .chain(outcome -> erased.isErased(request.userId()).chain(goneSince -> goneSince
                                    ? erased.discard(request.userId(), id)
                                    : events.publish(outcome.toEvent(id))));
                })).onFailure().invoke(e -> LOG.errorf(e, "Request for job %s failed; it goes to the dead-letter topic",
                request.executionId()));
    }
}
