package io.autoflow.events;

/**
 * A record whose payload could not be read as its event type. Consumers throw it so the record is dead-lettered
 * ({@code <topic>.dlq}, with the failure in its headers) instead of being dropped or blocking the partition.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String channel) {
        super("Unreadable record on " + channel + ": sent to its dead-letter topic");
    }
}
