package io.autoflow.gateway.service;

import io.autoflow.events.Topics;
import io.autoflow.gateway.messaging.DeadLetter;
import io.autoflow.gateway.messaging.DeadLetterExtent;
import io.autoflow.gateway.messaging.DeadLetterReader;
import io.autoflow.gateway.repository.DeadLetterReplays;
import io.autoflow.gateway.repository.DeadLetterReplays.Pending;
import io.autoflow.gateway.service.DeadLetterScan.Position;
import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the dead-letter topics hold that was not replayed yet: how much per topic, and the records themselves. */
@ApplicationScoped
public class DeadLetterInbox {

    /** One topic's records not replayed yet: how many, and the times of the oldest and newest (null when none). */
    public record TopicSummary(String topic, String originalTopic, long count, Instant oldestAt, Instant newestAt) {
    }

    /** A record, and when it was replayed (null: not yet). */
    public record Entry(DeadLetter letter, Instant replayedAt) {
    }

    public record Page(List<Entry> entries, boolean hasMore) {
    }

    private record PartitionSummary(long count, Instant oldestAt, Instant newestAt) {
    }

    private final DeadLetterReader reader;
    private final DeadLetterScan scan;
    private final DeadLetterReplays replays;

    public DeadLetterInbox(DeadLetterReader reader, DeadLetterScan scan, DeadLetterReplays replays) {
        this.reader = reader;
        this.scan = scan;
        this.replays = replays;
    }

    /** Every dead-letter topic of the platform, in the order of {@link Topics#deadLetterTopics()}. */
    public Uni<List<TopicSummary>> summary() {
        return VertxContexts.blocking(() -> reader.extents(Topics.deadLetterTopics()))
                .chain(topics -> Multi.createFrom().iterable(topics)
                        .onItem().transformToUniAndConcatenate(this::summarize).collect().asList());
    }

    /**
     * Up to {@code limit} records from {@code from} on, those replayed too if asked; {@code hasMore} says whether
     * more follow.
     */
    public Uni<Page> page(String topic, Position from, int limit, boolean includeReplayed) {
        return VertxContexts.blocking(() -> reader.extents(List.of(topic)).get(0)).chain(extent -> {
            if (extent.topicId() == null) {
                return Uni.createFrom().item(new Page(List.of(), false));
            }
            List<Entry> found = new ArrayList<>();
            return scan.walk(extent, from, limit + 1, batch -> {
                DeadLetter first = batch.get(0);
                DeadLetter last = batch.get(batch.size() - 1);
                return replays.replayedAmong(extent.topicId(), first.partition(), first.offset(), last.offset() + 1)
                        .map(replayed -> {
                            for (DeadLetter letter : batch) {
                                Instant replayedAt = replayed.get(letter.offset());
                                if (replayedAt == null || includeReplayed) {
                                    found.add(new Entry(letter, replayedAt));
                                }
                            }
                            return found.size() <= limit;
                        });
            }).map(done -> found.size() > limit ? new Page(List.copyOf(found.subList(0, limit)), true)
                    : new Page(found, false));
        });
    }

    private Uni<TopicSummary> summarize(DeadLetterExtent topic) {
        String original = Topics.servedBy(topic.topic()).orElse(null);
        if (topic.topicId() == null) {
            return Uni.createFrom().item(new TopicSummary(topic.topic(), original, 0, null, null));
        }
        return Multi.createFrom().iterable(topic.partitions())
                .onItem().transformToUniAndConcatenate(span -> replays.pending(topic.topicId(), span)
                        .chain(pending -> times(topic, span.partition(), pending)))
                .collect().asList()
                .map(partitions -> new TopicSummary(topic.topic(), original,
                        partitions.stream().mapToLong(PartitionSummary::count).sum(),
                        partitions.stream().map(PartitionSummary::oldestAt).filter(Objects::nonNull)
                                .min(Comparator.naturalOrder()).orElse(null),
                        partitions.stream().map(PartitionSummary::newestAt).filter(Objects::nonNull)
                                .max(Comparator.naturalOrder()).orElse(null)));
    }

    /** The first record not replayed is the oldest, the last the newest: a partition is written in time order. */
    private Uni<PartitionSummary> times(DeadLetterExtent topic, int partition, Pending pending) {
        if (pending.count() == 0) {
            return Uni.createFrom().item(new PartitionSummary(0, null, null));
        }
        return VertxContexts.blocking(() -> reader.timestamps(topic.topic(), partition,
                List.of(pending.first(), pending.last())))
                .map((Map<Long, Instant> times) -> new PartitionSummary(pending.count(), times.get(pending.first()),
                        times.get(pending.last())));
    }
}
