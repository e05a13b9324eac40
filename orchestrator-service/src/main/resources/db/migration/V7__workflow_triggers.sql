-- Workflow triggers (issue 18). A schedule fires in the scheduler, which owns schedules: the orchestrator tells it a
-- workflow's schedule on the topic workflow-schedules, through this outbox (written in the transaction that changes
-- the workflow, sent after its commit, sent again by a sweep until Kafka has it). A webhook trigger's secret URL is
-- a token on the workflow; the gateway looks it up. The owner's email and tier as of the last save are what a run
-- that no request starts (schedule, webhook) goes by.
ALTER TABLE workflows ADD COLUMN owner_email VARCHAR(320);
ALTER TABLE workflows ADD COLUMN tier VARCHAR(32);
ALTER TABLE workflows ADD COLUMN hook_token VARCHAR(64) UNIQUE;
ALTER TABLE workflows ADD COLUMN hook_secret VARCHAR(64);

CREATE TABLE workflow_schedule_outbox (
    workflow_id UUID PRIMARY KEY,
    event       TEXT        NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);
