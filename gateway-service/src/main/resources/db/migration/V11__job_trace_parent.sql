-- The W3C traceparent of the request that made the job, so that an intent the outbox sweeper publishes later still
-- continues that request's trace. Null for jobs made before, or without tracing.
ALTER TABLE jobs ADD COLUMN trace_parent TEXT;
