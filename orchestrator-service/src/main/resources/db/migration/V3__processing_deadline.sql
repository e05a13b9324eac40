-- A running job must finish before this time (its tier's processing time from its start), or it fails with
-- processing_timeout. NULL: no limit (enterprise) or not started.
ALTER TABLE executions ADD COLUMN deadline_at TIMESTAMPTZ;

CREATE INDEX executions_running_deadline ON executions (deadline_at) WHERE status IN ('STARTED', 'PROGRESS');
