-- One API call the service was asked to make, and how it ended: a redelivered request is answered from here
-- instead of calling the API again.
CREATE TABLE automation_runs (
    execution_id UUID PRIMARY KEY,
    user_id      TEXT        NOT NULL,
    method       TEXT        NOT NULL,
    url          TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    result       JSONB,
    error        JSONB,
    created_at   TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ
);
CREATE INDEX automation_runs_user ON automation_runs (user_id);
