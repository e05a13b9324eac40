package io.autoflow.gateway.messaging;

import java.util.List;
import java.util.UUID;

/**
 * What a dead-letter topic holds at one moment: per partition, the offsets from the first record still kept to the
 * next one to be written. Kafka's topic id comes with it: a topic deleted and made again has a new id and starts its
 * offsets afresh, so records are known by id, partition and offset, never by the topic's name alone.
 *
 * @param topicId null when Kafka has no such topic (it then holds nothing)
 */
public record DeadLetterExtent(String topic, UUID topicId, List<Span> partitions) {

    /** The offsets {@code [start, end)} of one partition's records. */
    public record Span(int partition, long start, long end) {

        public long size() {
            return end - start;
        }
    }

    public static DeadLetterExtent missing(String topic) {
        return new DeadLetterExtent(topic, null, List.of());
    }
}
