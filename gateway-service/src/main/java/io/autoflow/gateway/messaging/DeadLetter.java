package io.autoflow.gateway.messaging;

import io.autoflow.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record on a dead-letter topic, as SmallRye's dead-letter-queue strategy writes it: the original key and value
 * (for a record that could not even be read, its original bytes), the original headers, and {@code dead-letter-*}
 * headers saying why it failed and where it came from. Key and value are kept as bytes, so that a replay sends
 * exactly what the original producer sent.
 */
public record DeadLetter(String topic, int partition, long offset, Instant timestamp, byte[] key, byte[] value,
        Headers headers) {

    static final String REASON = "dead-letter-reason";
    static final String CAUSE = "dead-letter-cause";
    static final String EXCEPTION = "dead-letter-exception-class-name";
    static final String ORIGINAL_TOPIC = "dead-letter-topic";
    static final String ORIGINAL_PARTITION = "dead-letter-partition";
    static final String ORIGINAL_OFFSET = "dead-letter-offset";
    /** What the strategy adds: the record's failure, and for an unreadable record its bytes once more. */
    private static final String[] ADDED_BY_THE_STRATEGY = {"dead-letter-", "deserialization-failure-"};

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), record.key(), record.value(), record.headers());
    }

    /** How the API names it: {@code <partition>:<offset>}. */
    public String id() {
        return partition + ":" + offset;
    }

    /** The key as text (the job's id for every event of the platform), or null. */
    public String keyText() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    public String reason() {
        return header(REASON);
    }

    public String cause() {
        return header(CAUSE);
    }

    /** The class of the exception that failed the record. */
    public String exception() {
        return header(EXCEPTION);
    }

    /**
     * Where the record was read from: the strategy's header, else the topic this dead-letter topic serves (records
     * a service puts here itself, such as notification-service's undeliverable requests, carry no header).
     */
    public String originalTopic() {
        String named = header(ORIGINAL_TOPIC);
        return named != null ? named : Topics.servedBy(topic).orElse(null);
    }

    public Long originalPartition() {
        return number(header(ORIGINAL_PARTITION));
    }

    public Long originalOffset() {
        return number(header(ORIGINAL_OFFSET));
    }

    /** The dead letter this one came from, when it failed again after a replay. */
    public String replayOf() {
        return header(DeadLetterRepublisher.REPLAY_OF);
    }

    /** The original record's headers, without what the dead-letter strategy or an earlier replay added. */
    Headers originalHeaders() {
        RecordHeaders original = new RecordHeaders();
        for (Header header : headers) {
            if (!addedByTheStrategy(header.key()) && !header.key().equals(DeadLetterRepublisher.REPLAY_OF)) {
                original.add(header);
            }
        }
        return original;
    }

    /** The header's last value as text, or null. */
    public String header(String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static boolean addedByTheStrategy(String name) {
        for (String prefix : ADDED_BY_THE_STRATEGY) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
