package io.autoflow.orchestrator.messaging;

import io.autoflow.events.EventMessages;
import io.autoflow.orchestrator.service.WorkflowRequests.Routed;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Sends workflow requests to their topic; the returned Uni completes once Kafka has the record. */
@ApplicationScoped
public class WorkflowDispatcher {

    public static final String CHANNEL = "workflow-requests";

    private final MutinyEmitter<Object> emitter;

    public WorkflowDispatcher(@Channel(CHANNEL) MutinyEmitter<Object> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> dispatch(String executionId, Routed routed) {
        var message = EventMessages.forExecution(executionId, routed.type(), routed.payload())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(executionId)
                        .withTopic(routed.topic()).build());
        return emitter.sendMessage(message);
    }
}
