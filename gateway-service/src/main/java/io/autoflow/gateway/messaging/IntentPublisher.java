package io.autoflow.gateway.messaging;

import io.autoflow.events.EventMessages;
import io.autoflow.events.IntentParsed;
import io.autoflow.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes intents on {@code intents}; the Uni completes once Kafka has the record. */
@ApplicationScoped
public class IntentPublisher {

    private final MutinyEmitter<IntentParsed> emitter;

    public IntentPublisher(@Channel(Topics.INTENTS) MutinyEmitter<IntentParsed> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(IntentParsed intent) {
        return emitter.sendMessage(EventMessages.forExecution(intent.executionId(), IntentParsed.TYPE, intent));
    }
}
