-- The job a claimed key's request starts is known before it is recorded: a retry of a request whose gateway died after
-- recording its job (but before keeping the answer) runs as that same job, so it is found instead of started twice.
-- Kept across a lapsed claim of the same request; a new one for another request or once the key expired.
ALTER TABLE idempotency_keys ADD COLUMN job_id UUID;
