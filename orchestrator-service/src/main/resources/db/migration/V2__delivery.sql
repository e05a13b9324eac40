-- Handing a finished job to its user (email or webhook) through notification-service.
-- delivery_status: requested (asked, no word back yet), retrying, delivered, failed; NULL for download.
ALTER TABLE executions ADD COLUMN delivery_status VARCHAR(20);
ALTER TABLE executions ADD COLUMN delivery JSONB;
ALTER TABLE executions ADD COLUMN delivery_requested_at TIMESTAMPTZ;

CREATE INDEX executions_awaiting_handover ON executions (delivery_requested_at) WHERE delivery_status = 'requested';
