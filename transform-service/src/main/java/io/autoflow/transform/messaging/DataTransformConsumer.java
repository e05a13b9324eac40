package io.autoflow.transform.messaging;

import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.Intents;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.ingest.IngestException;
import io.autoflow.service.failure.TransientRetry;
import io.autoflow.service.messaging.DeferredStart;
import io.autoflow.service.messaging.ExecutionEvents;
import io.autoflow.service.tracing.JobContext;
import io.autoflow.service.work.BoundedWork;
import io.autoflow.service.work.TierProcessingTimes;
import io.autoflow.service.work.WorkTimeoutException;
import io.autoflow.transform.service.DataTransform;
import io.autoflow.transform.service.DocumentSource;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Converts documents as the orchestrator asks, several at once and in any order, so that a big document holds up no
 * other; each within its tier's processing time ({@link BoundedWork}), past which it fails with
 * {@code processing_timeout} and the worker goes on. A document given only by its web address is fetched first
 * ({@link DocumentSource}), within that time; one that cannot be let in fails the job with its code. The offset is
 * committed once the outcome is announced, so a worker that dies mid-way leaves the request to be redelivered, and
 * converting again gives the same file; so a conversion the blob store failed transiently is run again in place
 * ({@link TransientRetry}), never failed or dead-lettered.
 */
@ApplicationScoped
public class DataTransformConsumer {

    private final DataTransform transform;
    private final DocumentSource documents;
    private final ExecutionEvents events;
    private final BoundedWork work;
    private final TierProcessingTimes processingTimes;
    private final TransientRetry retry;

    public DataTransformConsumer(DataTransform transform, DocumentSource documents,
            ExecutionEvents events, BoundedWork work,
            TierProcessingTimes processingTimes, TransientRetry retry) {
        this.transform = transform;
        this.documents = documents;
        this.events = events;
        this.work = work;
        this.processingTimes = processingTimes;
        this.retry = retry;
    }

    /** On the "transforms" worker pool, whose size says how many documents are converted at once. */
    @Incoming("data-transform")
    @Blocking(value = "transforms", ordered = false)
    public void onRequest(TransformData request) throws Exception {
        if (request == null || request.executionId() == null || request.userId() == null
                || request.blobKey() == null && request.sourceUrl() == null) {
            throw new MalformedEventException(Topics.WORKFLOW_DATA_TRANSFORM);
        }
        JobContext.enter(request.executionId(), request.userId(), Intents.DATA_TRANSFORM);
        try (DeferredStart start = events.starting(request.executionId())) {
            publish(start.ending(outcome(request)));
        }
    }

    private ExecutionEvent outcome(TransformData request) throws Exception {
        String id = request.executionId();
        Duration limit = processingTimes.of(request.tier());
        Instant deadline = Instant.now().plus(limit);
        TransformData stored;
        try {
            stored = documents.stored(request);
        } catch (IngestException e) {
            return ExecutionEvent.failed(id, e.toErrorInfo());
        }
        // What the fetch left of the job's time, for each run: waiting out the store is not processing. The blob
        // store briefly away is waited out and the document converted again.
        Duration budget = TierProcessingTimes.remaining(deadline);
        return retry.handleBlocking(Topics.WORKFLOW_DATA_TRANSFORM, "Conversion of job " + id,
                () -> work.run("transform-" + id, budget, () -> transform.run(stored))
                .onFailure(WorkTimeoutException.class).recoverWithItem(() -> ExecutionEvent.failed(id,
                        TierProcessingTimes.timeoutError(request.tier(), limit)))
                .await().indefinitely());
    }

    /** Announces the event, riding out a broker away for a while. */
    private void publish(ExecutionEvent event) throws Exception {
        retry.handleBlocking(Topics.WORKFLOW_DATA_TRANSFORM, "Event of job " + event.executionId(), () -> {
            events.publishAndAwait(event);
            return null;
        });
    }
}
