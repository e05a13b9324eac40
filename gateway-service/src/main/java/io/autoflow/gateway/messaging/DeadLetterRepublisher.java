package io.autoflow.gateway.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends dead letters back to the topics they failed on, byte for byte: the same key (so the same partition and the
 * same job's order), the same value and the original headers, plus {@value #REPLAY_OF} naming the dead letter.
 * Blocks until Kafka has every record (up to {@link #SEND_TIMEOUT}): call it on a worker thread.
 */
@ApplicationScoped
public class DeadLetterRepublisher {

    /** The header a replayed record carries: {@code <dead-letter topic>/<partition>/<offset>}. */
    public static final String REPLAY_OF = "autoflow-replay-of";
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConnection kafka;
    private KafkaProducer<byte[], byte[]> producer;

    public DeadLetterRepublisher(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    /** @throws KafkaUnavailableException when Kafka has not taken every record; some may have been sent */
    public void republish(List<DeadLetter> letters) {
        try {
            List<Future<RecordMetadata>> sent = letters.stream().map(letter -> producer().send(new ProducerRecord<>(
                    letter.originalTopic(), null, letter.key(), letter.value(), replayHeaders(letter)))).toList();
            for (Future<RecordMetadata> each : sent) {
                each.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new KafkaUnavailableException("Kafka did not take the replayed records", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("Interrupted while replaying", e);
        }
    }

    private static Headers replayHeaders(DeadLetter letter) {
        Headers headers = letter.originalHeaders();
        headers.add(REPLAY_OF, (letter.topic() + "/" + letter.partition() + "/" + letter.offset())
                .getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(kafka.with(Map.of(
                    ProducerConfig.CLIENT_ID_CONFIG, "gateway-dead-letter-replay",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis() - 1000)),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(1));
        }
    }
}
