-- How many times the job's request was sent to its workers. A job silent past its deadline (queued too long, or past
-- its tier's processing time) is sent again, up to a bound, then fails with worker_lost: no job waits for ever.
ALTER TABLE executions ADD COLUMN attempts INT NOT NULL DEFAULT 1;

DROP INDEX executions_running_deadline;
CREATE INDEX executions_unfinished_deadline ON executions (deadline_at)
    WHERE status IN ('QUEUED', 'STARTED', 'PROGRESS');
