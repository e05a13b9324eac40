package io.autoflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoflow.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void startsARealBrokerWithThePlatformTopicsCarriesARecordAndStops() throws Exception {
        KafkaBroker broker = KafkaBroker.onFreePorts().start();
        try {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                var topics = admin.describeTopics(List.of(Topics.WORKFLOW_DOCUMENT_ANALYTICS, Topics.INTENTS))
                        .allTopicNames().get(10, TimeUnit.SECONDS);
                assertThat(topics.get(Topics.WORKFLOW_DOCUMENT_ANALYTICS).partitions()).hasSize(12);
                assertThat(admin.listTopics().names().get()).containsAll(
                        Topics.all().stream().map(Topics.Spec::name).toList());
            }

            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.INTENTS, "job-1", "hello")).get(10, TimeUnit.SECONDS);
            }
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "t", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.INTENTS));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int i = 0; i < 40 && records.isEmpty(); i++) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records.iterator().next().value()).isEqualTo("hello");
            }
        } finally {
            broker.close();
        }
        assertThat(ProcessHandle.of(broker.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
