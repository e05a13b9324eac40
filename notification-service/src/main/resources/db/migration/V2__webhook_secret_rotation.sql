-- After a rotation the previous secret keeps signing, next to the new one, until previous_valid_until: receivers can
-- switch to the new secret without missing a webhook (Standard Webhooks lets a header carry several signatures).
ALTER TABLE webhook_secrets ADD COLUMN previous_ciphertext BYTEA;
ALTER TABLE webhook_secrets ADD COLUMN previous_valid_until TIMESTAMPTZ;
