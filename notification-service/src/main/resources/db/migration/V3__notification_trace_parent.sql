-- The W3C traceparent of the request to hand the job over, so that each delivery attempt, made later by a sender
-- thread, continues the job's trace (and the webhook call carries it). Null for older rows.
ALTER TABLE notifications ADD COLUMN trace_parent TEXT;
