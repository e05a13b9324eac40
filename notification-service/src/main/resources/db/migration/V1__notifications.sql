-- One row per hand-over of a job to its user (an email or a webhook). The id is the same for a redelivered request,
-- so a request is accepted once; the row then carries the retry state, which survives a restart.
CREATE TABLE notifications (
    id              VARCHAR(200)  PRIMARY KEY,
    execution_id    VARCHAR(64)   NOT NULL,
    user_id         VARCHAR(64)   NOT NULL,
    channel         VARCHAR(20)   NOT NULL,
    target          VARCHAR(2048) NOT NULL,
    request         JSONB         NOT NULL,
    status          VARCHAR(20)   NOT NULL, -- pending, retrying, delivered, failed
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    give_up_at      TIMESTAMPTZ   NOT NULL,
    -- A sender claims a due row until this time, so two replicas never send the same attempt.
    lease_until     TIMESTAMPTZ,
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL
);

CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status IN ('pending', 'retrying');
CREATE INDEX notifications_by_user ON notifications (user_id);

-- Every attempt, successful or not: append-only.
CREATE TABLE deliveries (
    id              BIGSERIAL     PRIMARY KEY,
    notification_id VARCHAR(200)  NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    execution_id    VARCHAR(64)   NOT NULL,
    user_id         VARCHAR(64)   NOT NULL,
    channel         VARCHAR(20)   NOT NULL,
    target          VARCHAR(2048) NOT NULL,
    attempt         INTEGER       NOT NULL,
    status          VARCHAR(20)   NOT NULL, -- delivered, retrying, failed
    response_code   INTEGER,
    error_code      VARCHAR(64),
    error           TEXT,
    started_at      TIMESTAMPTZ   NOT NULL,
    finished_at     TIMESTAMPTZ   NOT NULL
);

CREATE INDEX deliveries_by_notification ON deliveries (notification_id, attempt);

-- The per-user secret webhooks are signed with, encrypted (AES-GCM) under the service's key.
CREATE TABLE webhook_secrets (
    user_id    VARCHAR(64) PRIMARY KEY,
    ciphertext BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
