package io.autoflow.gateway.service;

import io.autoflow.gateway.messaging.DeadLetter;
import io.autoflow.gateway.messaging.DeadLetterExtent;
import io.autoflow.gateway.messaging.DeadLetterReader;
import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Walks a dead-letter topic's records in batches, partition by partition in offset order, up to the end the topic
 * had when the walk began (so records dead-lettered meanwhile, a replay that failed again among them, wait for the
 * next walk). Kafka is read on a worker thread; each batch is handed over on the caller's Vert.x context.
 */
@ApplicationScoped
public class DeadLetterScan {

    /** Records are read this many at a time: a page of the API at most, and a replay's transaction. */
    static final int BATCH = DeadLetterReader.MAX_POLL;

    /** The record at or after this offset of this partition, then those of the partitions after it. */
    public record Position(int partition, long offset) {

        public static final Position START = new Position(0, 0);

        /** The position just after this dead letter. */
        static Position after(DeadLetter letter) {
            return new Position(letter.partition(), letter.offset() + 1);
        }
    }

    private final DeadLetterReader reader;

    public DeadLetterScan(DeadLetterReader reader) {
        this.reader = reader;
    }

    /**
     * @param batch how many records to read at a time, at most {@link #BATCH}
     * @param each handles a batch (of one partition) and says whether to go on
     */
    public Uni<Void> walk(DeadLetterExtent topic, Position from, int batch,
            Function<List<DeadLetter>, Uni<Boolean>> each) {
        Optional<DeadLetterExtent.Span> span = topic.partitions().stream()
                .filter(s -> s.partition() >= from.partition()).findFirst();
        if (span.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int partition = span.get().partition();
        long start = partition == from.partition() ? Math.max(from.offset(), span.get().start()) : span.get().start();
        Position nextPartition = new Position(partition + 1, 0);
        if (start >= span.get().end()) {
            return walk(topic, nextPartition, batch, each);
        }
        int size = Math.min(batch, BATCH);
        return VertxContexts.blocking(() -> reader.read(topic.topic(), partition, start, span.get().end(), size))
                .chain(letters -> {
                    if (letters.isEmpty()) { // retention removed the rest of this partition meanwhile
                        return walk(topic, nextPartition, batch, each);
                    }
                    return each.apply(letters).chain(goOn -> goOn
                            ? walk(topic, Position.after(letters.get(letters.size() - 1)), batch, each)
                            : Uni.createFrom().voidItem());
                });
    }
}
