-- A workflow's schedule (issue 18) is a scheduled task too (task_intent workflow_run, id derived from the workflow's),
-- kept as the orchestrator last said on workflow-schedules: changed_at is that word's time, and an older word is
-- ignored. It is managed through its workflow (saved, enabled, disabled, deleted), not through /schedules.
ALTER TABLE scheduled_tasks ADD COLUMN changed_at TIMESTAMPTZ;
