package io.autoflow.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's own Kafka clients sign in as its channels do, and take nothing else of their configuration. */
class KafkaConnectionTest {

    private static final Map<String, Object> CHANNELS = Map.of(
            "bootstrap.servers", "autoflow-kafka-bootstrap:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"g\";",
            "ssl.truststore.type", "PEM",
            "ssl.truststore.location", "/etc/autoflow/kafka-ca/ca.crt",
            "group.id", "gateway-service",
            "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");

    @Test
    void passesOnTheServersAndTheSecuritySettingsOnly() {
        Map<String, Object> client = new KafkaConnection(CHANNELS).with(Map.of("client.id", "gateway-dead-letters"));

        assertThat(client).containsEntry("bootstrap.servers", "autoflow-kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("ssl.truststore.location", "/etc/autoflow/kafka-ca/ca.crt")
                .containsEntry("client.id", "gateway-dead-letters")
                .doesNotContainKeys("group.id", "value.deserializer");
    }

    @Test
    void theClientsOwnSettingsWin() {
        assertThat(new KafkaConnection(CHANNELS).with(Map.of("security.protocol", "SSL")))
                .containsEntry("security.protocol", "SSL");
    }
}
