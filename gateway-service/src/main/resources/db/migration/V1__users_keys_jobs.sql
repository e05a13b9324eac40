-- People and their credentials.
CREATE TABLE users (
    id         UUID PRIMARY KEY,
    email      VARCHAR(255) NOT NULL UNIQUE,
    name       VARCHAR(255),
    tier       VARCHAR(50)  NOT NULL DEFAULT 'free',
    created_at TIMESTAMPTZ  NOT NULL,
    metadata   JSONB
);

-- API keys are stored only as SHA-256 hashes; the prefix lets a user recognise a key.
CREATE TABLE api_keys (
    id           UUID PRIMARY KEY,
    user_id      UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key_hash     CHAR(64)    NOT NULL UNIQUE,
    prefix       VARCHAR(16) NOT NULL,
    name         VARCHAR(255),
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    expires_at   TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);

-- Jobs accepted at this door. The row is the outbox of the job's intent: published_at stays empty until Kafka has
-- the intent, and a sweeper publishes what a crash left behind. It also makes a job id queryable at once.
CREATE TABLE jobs (
    id            UUID PRIMARY KEY,
    user_id       UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    workflow_type VARCHAR(100) NOT NULL,
    file_name     TEXT,
    size_bytes    BIGINT,
    intent        JSONB        NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    published_at  TIMESTAMPTZ
);

CREATE INDEX jobs_by_user ON jobs (user_id, created_at DESC);
CREATE INDEX jobs_unpublished ON jobs (created_at) WHERE published_at IS NULL;
