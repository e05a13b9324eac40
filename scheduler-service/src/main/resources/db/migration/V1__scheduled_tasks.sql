-- A user's schedule: what to run (an intent and its parameters) and when (a cron expression in a time zone).
CREATE TABLE scheduled_tasks (
    id              UUID PRIMARY KEY,  -- the job that created it
    user_id         TEXT        NOT NULL,
    tier            TEXT        NOT NULL,
    name            TEXT,
    cron            TEXT        NOT NULL,
    time_zone       TEXT        NOT NULL,
    task_intent     TEXT        NOT NULL,
    task_parameters JSONB       NOT NULL,
    status          TEXT        NOT NULL,  -- active | cancelled
    next_run_at     TIMESTAMPTZ,
    last_run_at     TIMESTAMPTZ,
    runs            INT         NOT NULL DEFAULT 0,
    missed          INT         NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    cancelled_at    TIMESTAMPTZ
);
CREATE INDEX scheduled_tasks_due ON scheduled_tasks (next_run_at) WHERE status = 'active';
CREATE INDEX scheduled_tasks_user ON scheduled_tasks (user_id);

-- Each run, written in the same transaction that moves its schedule on, and the outbox of its intent: one run per
-- schedule and time, whatever the number of replicas.
CREATE TABLE scheduled_runs (
    execution_id  UUID PRIMARY KEY,
    task_id       UUID        NOT NULL REFERENCES scheduled_tasks (id) ON DELETE CASCADE,
    user_id       TEXT        NOT NULL,
    scheduled_for TIMESTAMPTZ NOT NULL,
    intent        JSONB       NOT NULL,
    published_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (task_id, scheduled_for)
);
CREATE INDEX scheduled_runs_unpublished ON scheduled_runs (created_at) WHERE published_at IS NULL;
