package io.autoflow.gateway.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads dead-letter topics with Kafka's own clients, without a consumer group: reading commits nothing and moves no
 * service's position. Every method blocks (on Kafka, up to a few seconds): call it on a worker thread. One consumer
 * serves every read, one read at a time (a consumer is not thread-safe): this is an operator's tool, and a consumer
 * made per read would cost a connection and fill the log with its configuration each time.
 */
@ApplicationScoped
public class DeadLetterReader {

    /** The most records one poll brings: a page of the API at most, or a replay's batch. */
    public static final int MAX_POLL = 100;
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConnection kafka;
    private final Object reading = new Object();
    private Admin admin;
    private KafkaConsumer<byte[], byte[]> consumer;

    public DeadLetterReader(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    /** What each topic holds now; a topic Kafka does not have holds nothing. */
    public List<DeadLetterExtent> extents(List<String> topics) {
        try {
            Map<String, KafkaFuture<TopicDescription>> described = admin().describeTopics(topics).topicNameValues();
            Map<String, TopicDescription> found = new HashMap<>();
            for (String topic : topics) {
                TopicDescription description = describedOrNull(described.get(topic));
                if (description != null) {
                    found.put(topic, description);
                }
            }
            List<TopicPartition> partitions = found.values().stream().flatMap(d -> d.partitions().stream()
                    .map(p -> new TopicPartition(d.name(), p.partition()))).toList();
            Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
            Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
            return topics.stream().map(topic -> {
                TopicDescription description = found.get(topic);
                if (description == null) {
                    return DeadLetterExtent.missing(topic);
                }
                List<DeadLetterExtent.Span> spans = description.partitions().stream().map(p -> {
                    TopicPartition partition = new TopicPartition(topic, p.partition());
                    return new DeadLetterExtent.Span(p.partition(), starts.get(partition).offset(),
                            ends.get(partition).offset());
                }).sorted(Comparator.comparingInt(DeadLetterExtent.Span::partition)).toList();
                var id = description.topicId();
                return new DeadLetterExtent(topic, new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits()),
                        spans);
            }).toList();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    /**
     * Up to {@code max} records of one partition, in offset order, from {@code from} (or the first record still kept
     * after it) to before {@code until}.
     */
    public List<DeadLetter> read(String topic, int partition, long from, long until, int max) {
        synchronized (reading) {
            try {
                return read(new TopicPartition(topic, partition), from, until, max);
            } catch (KafkaException | KafkaUnavailableException e) {
                throw unavailable(closeConsumer(e));
            }
        }
    }

    /** The time of the record at each of these offsets of one partition (offsets no longer kept are left out). */
    public Map<Long, Instant> timestamps(String topic, int partition, Collection<Long> offsets) {
        synchronized (reading) {
            try {
                TopicPartition at = new TopicPartition(topic, partition);
                Map<Long, Instant> times = new HashMap<>();
                for (long offset : offsets) {
                    read(at, offset, offset + 1, 1).forEach(letter -> times.put(offset, letter.timestamp()));
                }
                return times;
            } catch (KafkaException | KafkaUnavailableException e) {
                throw unavailable(closeConsumer(e));
            }
        }
    }

    private List<DeadLetter> read(TopicPartition partition, long from, long until, int max) {
        List<DeadLetter> letters = new ArrayList<>();
        if (from >= until) {
            return letters;
        }
        KafkaConsumer<byte[], byte[]> kafka = consumer();
        kafka.assign(List.of(partition));
        kafka.seek(partition, from);
        Instant deadline = Instant.now().plus(ASK_TIMEOUT);
        while (letters.size() < max && kafka.position(partition, ASK_TIMEOUT) < until) {
            if (Instant.now().isAfter(deadline)) {
                throw new KafkaUnavailableException("Kafka gave no records of " + partition + " within "
                        + ASK_TIMEOUT.toSeconds() + " s", null);
            }
            for (ConsumerRecord<byte[], byte[]> record : kafka.poll(POLL)) {
                if (record.offset() >= until || letters.size() == max) {
                    return letters;
                }
                letters.add(DeadLetter.of(record));
            }
        }
        return letters;
    }

    /** Made on first use; one that failed is closed and made again, in case it was left in a bad state. */
    private KafkaConsumer<byte[], byte[]> consumer() {
        if (consumer == null) {
            consumer = newConsumer();
        }
        return consumer;
    }

    private <E extends RuntimeException> E closeConsumer(E failure) {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(1));
            consumer = null;
        }
        return failure;
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        return new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "gateway-dead-letters",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // An offset retention removed meanwhile reads from the first record still kept.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ASK_TIMEOUT.toMillis(),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ASK_TIMEOUT.toMillis())),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        return admin().listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all().get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static TopicDescription describedOrNull(KafkaFuture<TopicDescription> description)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return description.get(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private static KafkaUnavailableException unavailable(Exception e) {
        return e instanceof KafkaUnavailableException known ? known
                : new KafkaUnavailableException("Kafka could not say what the dead-letter topics hold", e);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafka.with(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "gateway-dead-letters",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ASK_TIMEOUT.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ASK_TIMEOUT.toMillis())));
        }
        return admin;
    }

    @PreDestroy
    void close() {
        synchronized (reading) {
            closeConsumer(null);
        }
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(1));
            }
        }
    }
}
