-- Idempotency-Key on the POSTs that start work: the first request with a key claims it (the primary key makes that
-- one request, however many arrive at once), and its answer is kept so that a retry within 24 h gets the same answer
-- instead of a second job. A claim whose request died lapses at claimed_until; an answer we failed to give (5xx) is
-- not kept, so the key is free again.
CREATE TABLE idempotency_keys (
    user_id       UUID         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key           VARCHAR(255) NOT NULL,
    fingerprint   CHAR(64)     NOT NULL, -- SHA-256 of the request: method, path, media type and body
    claim_id      UUID         NOT NULL, -- the request that holds the key
    created_at    TIMESTAMPTZ  NOT NULL,
    claimed_until TIMESTAMPTZ,           -- while the answer is not known yet
    status        SMALLINT,              -- the answer, once known
    location      TEXT,
    body          TEXT,
    PRIMARY KEY (user_id, key)
);

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
