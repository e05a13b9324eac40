-- One row per job: what was asked, where it stands, what came out.
CREATE TABLE executions (
    id            UUID PRIMARY KEY,
    user_id       VARCHAR(64)  NOT NULL,
    workflow_type VARCHAR(100) NOT NULL,
    tier          VARCHAR(50)  NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    progress      INTEGER,
    input_data    JSONB,
    output_data   JSONB,
    error         JSONB,
    created_at    TIMESTAMPTZ  NOT NULL,
    started_at    TIMESTAMPTZ,
    completed_at  TIMESTAMPTZ,
    duration_ms   INTEGER,
    updated_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX executions_by_user ON executions (user_id, created_at DESC);
