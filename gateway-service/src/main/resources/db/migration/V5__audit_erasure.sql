-- The audit log stays append-only, with one exception the GDPR asks for: when a user is deleted, where they came
-- from (address, user agent) is erased from their records. Who (a random id that no longer names anyone), what and
-- when stay.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at
            AND NEW.actor IS NOT DISTINCT FROM OLD.actor AND NEW.action = OLD.action
            AND NEW.target IS NOT DISTINCT FROM OLD.target AND NEW.details IS NOT DISTINCT FROM OLD.details
            AND NEW.ip IS NULL AND NEW.user_agent IS NULL THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
