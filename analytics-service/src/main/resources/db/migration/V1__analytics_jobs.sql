-- One row per analysed document; a finished row makes a redelivered request answer with the same outcome.
CREATE TABLE analytics_jobs (
    execution_id    UUID PRIMARY KEY,
    user_id         VARCHAR(64)  NOT NULL,
    file_name       TEXT,
    file_type       VARCHAR(100),
    file_size_bytes BIGINT,
    blob_key        TEXT         NOT NULL,
    analysis_type   TEXT,   -- comma-separated: statistical, trends, insights, anomalies
    status          VARCHAR(20)  NOT NULL,
    results         JSONB,
    error           JSONB,
    created_at      TIMESTAMPTZ  NOT NULL,
    completed_at    TIMESTAMPTZ
);
