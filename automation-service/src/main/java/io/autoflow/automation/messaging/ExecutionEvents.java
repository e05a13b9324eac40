package io.autoflow.automation.messaging;

import io.autoflow.events.EventMessages;
import io.autoflow.events.ExecutionEvent;
import io.autoflow.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes job events on {@code execution-events}; the Uni completes once Kafka has the record. */
@ApplicationScoped
public class ExecutionEvents {

    private final MutinyEmitter<ExecutionEvent> emitter;

    public ExecutionEvents(@Channel(Topics.EXECUTION_EVENTS) MutinyEmitter<ExecutionEvent> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(ExecutionEvent event) {
        return emitter.sendMessage(EventMessages.forExecution(event.executionId(), event.type(), event));
    }
}
