package io.autoflow.gateway.service;

import io.autoflow.gateway.messaging.DeadLetter;
import io.autoflow.gateway.messaging.DeadLetterExtent;
import io.autoflow.gateway.service.DeadLetterScan.Position;
import java.util.List;

/** Which dead letters of a topic a replay is about: all, the one at an offset, or those of a key (a job's id). */
public sealed interface DeadLetterSelector {

    /** Every record still on the topic. */
    DeadLetterSelector ALL = new All();

    /**
     * Reads what the API's {@code ?id=} says: {@code <partition>:<offset>}, an offset alone (in the topic's only
     * partition; dead-letter topics have one), or else a key.
     */
    static DeadLetterSelector parse(String id) {
        if (id.matches("\\d{1,18}")) {
            return new AtOffset(null, Long.parseLong(id));
        }
        if (id.matches("\\d{1,9}:\\d{1,18}")) {
            String[] parts = id.split(":");
            return new AtOffset(Integer.valueOf(parts[0]), Long.parseLong(parts[1]));
        }
        return new WithKey(id);
    }

    boolean matches(DeadLetter letter);

    /** Where a walk looking for them starts. */
    default Position start() {
        return Position.START;
    }

    /** Whether, having seen this batch, more of them may follow. */
    default boolean goesOnAfter(List<DeadLetter> batch) {
        return true;
    }

    /** How many records to read at a time. */
    default int batch() {
        return DeadLetterScan.BATCH;
    }

    /** This selector with what it leaves open settled by the topic's partitions. */
    default DeadLetterSelector in(DeadLetterExtent topic) {
        return this;
    }

    record All() implements DeadLetterSelector {

        @Override
        public boolean matches(DeadLetter letter) {
            return true;
        }
    }

    /** @param partition null for "the topic's only partition", or, if it has several, any */
    record AtOffset(Integer partition, long offset) implements DeadLetterSelector {

        @Override
        public boolean matches(DeadLetter letter) {
            return letter.offset() == offset && (partition == null || letter.partition() == partition);
        }

        @Override
        public Position start() {
            return partition == null ? Position.START : new Position(partition, offset);
        }

        @Override
        public boolean goesOnAfter(List<DeadLetter> batch) {
            return partition == null;
        }

        @Override
        public int batch() {
            return partition == null ? DeadLetterScan.BATCH : 1;
        }

        @Override
        public DeadLetterSelector in(DeadLetterExtent topic) {
            return partition == null && topic.partitions().size() == 1
                    ? new AtOffset(topic.partitions().get(0).partition(), offset) : this;
        }
    }

    record WithKey(String key) implements DeadLetterSelector {

        @Override
        public boolean matches(DeadLetter letter) {
            return key.equals(letter.keyText());
        }
    }
}
