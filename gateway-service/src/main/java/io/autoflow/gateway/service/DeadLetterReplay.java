package io.autoflow.gateway.service;

import io.autoflow.gateway.messaging.DeadLetter;
import io.autoflow.gateway.messaging.DeadLetterReader;
import io.autoflow.gateway.messaging.DeadLetterRepublisher;
import io.autoflow.gateway.repository.DeadLetterReplays;
import io.autoflow.service.VertxContexts;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sends dead letters back to their original topics, once the cause of their failure is fixed, and never the same
 * one twice: each record is claimed in {@code gateway.dead_letter_replays} in the transaction that waits for Kafka
 * to take it ({@link DeadLetterReplays#replayOnce}), batch by batch. A batch Kafka does not take is not claimed and
 * stays to be replayed; a gateway dying between Kafka's answer and the commit leaves its batch unclaimed, so it may
 * be sent again, which the consumers' idempotent handling absorbs.
 */
@ApplicationScoped
public class DeadLetterReplay {

    /**
     * @param replayed the records sent again now
     * @param alreadyReplayed the records selected that had been replayed before, and were not sent again
     */
    public record Outcome(List<DeadLetter> replayed, int alreadyReplayed) {

        /** Whether the selection named no record on the topic at all. */
        public boolean nothingSelected() {
            return replayed.isEmpty() && alreadyReplayed == 0;
        }
    }

    private final DeadLetterReader reader;
    private final DeadLetterScan scan;
    private final DeadLetterReplays replays;
    private final DeadLetterRepublisher republisher;

    public DeadLetterReplay(DeadLetterReader reader, DeadLetterScan scan, DeadLetterReplays replays,
            DeadLetterRepublisher republisher) {
        this.reader = reader;
        this.scan = scan;
        this.replays = replays;
        this.republisher = republisher;
    }

    /** Replays the selected records the topic holds now, as {@code actor}. */
    public Uni<Outcome> replay(String topic, DeadLetterSelector selection, UUID actor) {
        return VertxContexts.blocking(() -> reader.extents(List.of(topic)).get(0)).chain(extent -> {
            if (extent.topicId() == null) {
                return Uni.createFrom().item(new Outcome(List.of(), 0));
            }
            DeadLetterSelector selector = selection.in(extent);
            List<DeadLetter> replayed = new ArrayList<>();
            int[] already = {0};
            return scan.walk(extent, selector.start(), selector.batch(), batch -> {
                List<DeadLetter> selected = batch.stream().filter(selector::matches).toList();
                return replays.replayOnce(extent, selected, actor, this::republish).map(sent -> {
                    replayed.addAll(sent);
                    already[0] += selected.size() - sent.size();
                    return selector.goesOnAfter(batch);
                });
            }).map(done -> new Outcome(List.copyOf(replayed), already[0]));
        });
    }

    private Uni<Void> republish(List<DeadLetter> letters) {
        return VertxContexts.blocking(() -> {
            republisher.republish(letters);
            return null;
        }).replaceWithVoid();
    }
}
