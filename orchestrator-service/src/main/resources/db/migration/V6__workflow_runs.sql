-- Workflow runs (issue 18): a run is a job (workflow_type workflow_run) and each of its steps' attempts a job of its
-- own, a child of the run, sent to its service's topic like any job. The run's result lists its steps.
ALTER TABLE executions ADD COLUMN parent_id UUID;
ALTER TABLE executions ADD COLUMN step_index INT;

CREATE INDEX executions_by_parent ON executions (parent_id) WHERE parent_id IS NOT NULL;
