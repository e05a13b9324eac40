package io.autoflow.transform.messaging;

import io.autoflow.events.EventMessages;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.MalformedEventException;
import io.autoflow.events.Topics;
import io.autoflow.events.TransformData;
import io.autoflow.transform.service.DataTransform;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Converts documents as the orchestrator asks. The offset is committed once the outcome is announced, so a worker
 * that dies mid-way leaves the request to be redelivered, and converting again gives the same file.
 */
@ApplicationScoped
public class DataTransformConsumer {

    private final DataTransform transform;
    private final MutinyEmitter<ExecutionEvent> events;

    public DataTransformConsumer(DataTransform transform,
            @Channel(Topics.EXECUTION_EVENTS) MutinyEmitter<ExecutionEvent> events) {
        this.transform = transform;
        this.events = events;
    }

    @Incoming("data-transform")
    @Blocking
    public void onRequest(TransformData request) {
        if (request == null || request.executionId() == null || request.userId() == null
                || request.blobKey() == null) {
            throw new MalformedEventException(Topics.WORKFLOW_DATA_TRANSFORM);
        }
        publish(ExecutionEvent.started(request.executionId()));
        publish(transform.run(request));
    }

    private void publish(ExecutionEvent event) {
        events.sendMessageAndAwait(EventMessages.forExecution(event.executionId(), event.type(), event));
    }
}
