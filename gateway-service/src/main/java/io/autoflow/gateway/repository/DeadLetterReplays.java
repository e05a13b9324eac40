package io.autoflow.gateway.repository;

import io.autoflow.gateway.messaging.DeadLetter;
import io.autoflow.gateway.messaging.DeadLetterExtent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which dead letters were replayed ({@code gateway.dead_letter_replays}), so that none is replayed twice by accident,
 * even by two gateways at once: a record is claimed in the same transaction that waits for Kafka to take its replay.
 */
@ApplicationScoped
public class DeadLetterReplays {

    /** Records of one partition not replayed yet: how many, and the first and last of them (null when none). */
    public record Pending(long count, Long first, Long last) {
    }

    private final Pool db;

    public DeadLetterReplays(Pool db) {
        this.db = db;
    }

    /**
     * Assumes the partition's offsets follow each other without gaps, as they do on a dead-letter topic (written
     * without transactions, never compacted): a record not replayed is an offset without a row.
     */
    public Uni<Pending> pending(UUID topicId, DeadLetterExtent.Span span) {
        return db.preparedQuery("""
                WITH replayed AS (SELECT record_offset FROM gateway.dead_letter_replays
                                  WHERE topic_id = $1 AND record_partition = $2
                                    AND record_offset >= $3 AND record_offset < $4)
                SELECT (SELECT count(*) FROM replayed) AS replayed,
                       (SELECT min(c) FROM (SELECT $3::bigint AS c UNION ALL SELECT record_offset + 1 FROM replayed) f
                        WHERE c < $4 AND c NOT IN (SELECT record_offset FROM replayed)) AS first_pending,
                       (SELECT max(c) FROM (SELECT $4::bigint - 1 AS c UNION ALL SELECT record_offset - 1 FROM replayed) l
                        WHERE c >= $3 AND c NOT IN (SELECT record_offset FROM replayed)) AS last_pending""")
                .execute(Tuple.of(topicId, span.partition(), span.start(), span.end()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Pending(span.size() - row.getLong("replayed"), row.getLong("first_pending"),
                            row.getLong("last_pending"));
                });
    }

    /** When each replayed record among these offsets of one partition was replayed. */
    public Uni<Map<Long, Instant>> replayedAmong(UUID topicId, int partition, long from, long until) {
        return db.preparedQuery("SELECT record_offset, replayed_at FROM gateway.dead_letter_replays"
                + " WHERE topic_id = $1 AND record_partition = $2 AND record_offset >= $3 AND record_offset < $4")
                .execute(Tuple.of(topicId, partition, from, until))
                .map(rows -> {
                    Map<Long, Instant> replayed = new HashMap<>();
                    rows.forEach(row -> replayed.put(row.getLong("record_offset"),
                            row.getOffsetDateTime("replayed_at").toInstant()));
                    return replayed;
                });
    }

    /**
     * Claims the records no one replayed yet and hands them to {@code replay}; the claim commits only once
     * {@code replay} succeeded, so a failed replay leaves them to be replayed again. A claim of records another
     * transaction is claiming waits for it, then finds them taken.
     *
     * @return the records claimed and replayed
     */
    public Uni<List<DeadLetter>> replayOnce(DeadLetterExtent topic, List<DeadLetter> letters, UUID actor,
            Function<List<DeadLetter>, Uni<Void>> replay) {
        if (letters.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Tuple claim = Tuple.tuple()
                .addUUID(topic.topicId())
                .addString(topic.topic())
                .addOffsetDateTime(OffsetDateTime.now(ZoneOffset.UTC))
                .addUUID(actor)
                .addArrayOfInteger(letters.stream().map(DeadLetter::partition).toArray(Integer[]::new))
                .addArrayOfLong(letters.stream().map(DeadLetter::offset).toArray(Long[]::new));
        return db.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO gateway.dead_letter_replays
                    (topic_id, topic, replayed_at, replayed_by, record_partition, record_offset)
                SELECT $1, $2, $3, $4, p, o FROM unnest($5::int[], $6::bigint[]) AS r (p, o)
                ON CONFLICT DO NOTHING
                RETURNING record_partition, record_offset""")
                .execute(claim)
                .chain(rows -> {
                    Set<String> claimed = new HashSet<>();
                    rows.forEach(row -> claimed.add(row.getInteger("record_partition") + ":"
                            + row.getLong("record_offset")));
                    List<DeadLetter> mine = letters.stream().filter(l -> claimed.contains(l.id())).toList();
                    return mine.isEmpty() ? Uni.createFrom().item(mine) : replay.apply(mine).replaceWith(mine);
                }));
    }
}
