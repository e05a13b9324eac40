package io.autoflow.gateway.messaging;

/** Kafka did not answer in time, or refused what was asked; nothing is known of what it holds. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
