-- The seed's usage_metrics: what each user did per UTC day at this door. Processing seconds belong to the
-- orchestrator, which runs the jobs; GET /api/me/usage joins both.
CREATE TABLE usage_metrics (
    user_id        UUID    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day            DATE    NOT NULL,
    requests       BIGINT  NOT NULL DEFAULT 0,
    bytes_uploaded BIGINT  NOT NULL DEFAULT 0,
    jobs           BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, day)
);
