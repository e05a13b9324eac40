package io.autoflow.gateway.messaging;

import io.autoflow.events.Topics;
import io.autoflow.events.UserDeleted;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Tells every service about account events; the returned Uni completes once Kafka has the record. */
@ApplicationScoped
public class UserEventPublisher {

    private final MutinyEmitter<UserDeleted> emitter;

    public UserEventPublisher(@Channel(Topics.USER_EVENTS) MutinyEmitter<UserDeleted> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> deleted(UserDeleted event) {
        return emitter.sendMessage(Message.of(event).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.userId()).build()));
    }
}
