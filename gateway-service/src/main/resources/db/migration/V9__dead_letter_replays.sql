-- The dead letters replayed from the admin API, one row per record. A replay claims its rows in the transaction that
-- waits for Kafka to take the records, so however many gateways (or operators) replay at once, a record is sent once:
-- a second claim of the same row waits for the first transaction and then finds the row taken. Records are known by
-- Kafka's topic id, not the topic's name: a topic deleted and made again starts its offsets afresh.
CREATE TABLE dead_letter_replays (
    topic_id         UUID         NOT NULL,
    record_partition INTEGER      NOT NULL,
    record_offset    BIGINT       NOT NULL,
    topic            VARCHAR(255) NOT NULL,
    replayed_at      TIMESTAMPTZ  NOT NULL,
    -- The administrator who replayed it; kept (like the audit log's actor) after their account is erased.
    replayed_by      UUID         NOT NULL,
    PRIMARY KEY (topic_id, record_partition, record_offset)
);
