package io.autoflow.gateway.messaging;

import io.autoflow.events.EventMessages;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Topics;
import io.autoflow.service.tracing.TraceParents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes intents on {@code intents}; the Uni completes once Kafka has the record. The record's trace headers continue
 * the trace of the request that made the job, whenever it is published.
 */
@ApplicationScoped
public class IntentPublisher {

    private final MutinyEmitter<IntentParsed> emitter;

    public IntentPublisher(@Channel(Topics.INTENTS) MutinyEmitter<IntentParsed> emitter) {
        this.emitter = emitter;
    }

    /** @param traceParent the W3C traceparent of the request that made the job; null starts a trace of its own */
    public Uni<Void> publish(IntentParsed intent, String traceParent) {
        return emitter.sendMessage(EventMessages.forExecution(intent.executionId(), IntentParsed.TYPE, intent)
                .addMetadata(TracingMetadata.withCurrent(TraceParents.restore(traceParent))));
    }
}
