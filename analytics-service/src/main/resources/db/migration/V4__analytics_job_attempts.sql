-- How many times a worker took the job up. A request that keeps taking its worker down (a crash, a kill) is failed
-- with worker_lost after a few attempts instead of being redelivered for ever.
ALTER TABLE analytics_jobs ADD COLUMN attempts INT NOT NULL DEFAULT 0;
