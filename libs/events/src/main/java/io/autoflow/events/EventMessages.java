package io.autoflow.events;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Builds outgoing messages the same way everywhere: Kafka key = execution id (one job's events stay ordered on one
 * partition) and CloudEvents attributes (id, type, subject) in headers; the source comes from the channel config.
 */
public final class EventMessages {

    private EventMessages() {
    }

    public static <T> Message<T> forExecution(String executionId, String type, T payload) {
        return Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(executionId).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(UUID.randomUUID().toString())
                        .withType(type)
                        .withSubject(executionId)
                        .build());
    }
}
