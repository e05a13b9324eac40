package io.autoflow.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer for every event record. Events carry bounded summaries and blob keys, never files: a record past
 * {@link #MAX_RECORD_BYTES} is a bug, refused here rather than left to fail at the broker (whose limit is 1 MB).
 */
public class JsonEventSerializer implements Serializer<Object> {

    public static final int MAX_RECORD_BYTES = 512 * 1024;

    @Override
    public byte[] serialize(String topic, Object event) {
        if (event == null) {
            return null;
        }
        try {
            byte[] json = EventJson.mapper().writeValueAsBytes(event);
            if (json.length > MAX_RECORD_BYTES) {
                throw new SerializationException(event.getClass().getSimpleName() + " of " + json.length
                        + " bytes is larger than an event may be (" + MAX_RECORD_BYTES + ")");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new SerializationException("Cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }
}
