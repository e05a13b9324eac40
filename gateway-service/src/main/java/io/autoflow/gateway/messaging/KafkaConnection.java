package io.autoflow.gateway.messaging;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the Kafka clients the gateway builds itself (the admission check's admin, the dead-letter reader and replayer)
 * reach the cluster: the bootstrap servers and the security settings (TLS, SASL) of the {@code kafka.*}
 * configuration the channels use, so that they sign in wherever the cluster demands it (on Kubernetes, each
 * service's Strimzi user). Nothing else is passed on: a group id or serializers would change what these clients do.
 */
@ApplicationScoped
public class KafkaConnection {

    private static final List<String> CONNECTION_KEYS = List.of("bootstrap.servers", "security.", "sasl.", "ssl.");

    private final Map<String, Object> settings;

    public KafkaConnection(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.settings = connectionSettings(kafka);
    }

    /** The connection settings, with the client's own settings on top. */
    public Map<String, Object> with(Map<String, Object> own) {
        Map<String, Object> merged = new HashMap<>(settings);
        merged.putAll(own);
        return merged;
    }

    static Map<String, Object> connectionSettings(Map<String, Object> kafka) {
        Map<String, Object> connection = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (CONNECTION_KEYS.stream().anyMatch(key::startsWith)) {
                connection.put(key, value);
            }
        });
        return connection;
    }
}
