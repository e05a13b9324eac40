-- Each user's stored credentials, referred to by name from their API calls. The secret is kept only encrypted
-- (AES-256-GCM under the master key named by key_id, a fresh 96-bit nonce per write, the user id and name bound in as
-- associated data, so a row's ciphertext moved to another user or name does not decrypt).
CREATE TABLE credentials (
    user_id        TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    kind           TEXT        NOT NULL CHECK (kind IN ('bearer', 'header', 'basic', 'query')),
    header_name    TEXT,
    username       TEXT,
    parameter_name TEXT,
    key_id         TEXT        NOT NULL,
    nonce          BYTEA       NOT NULL,
    ciphertext     BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    rotated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, name)
);
