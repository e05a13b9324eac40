-- Who did what, when, from where: authentication failures, API key creation and revocation, and (as they come)
-- tier changes, exports and deletions. Append-only: the database itself refuses to change or remove a row.
CREATE TABLE audit_log (
    id          BIGSERIAL    PRIMARY KEY,
    occurred_at TIMESTAMPTZ  NOT NULL,
    actor       VARCHAR(64),           -- the user id, or NULL when nobody was authenticated
    action      VARCHAR(64)  NOT NULL, -- e.g. auth.failed, api_key.created, api_key.revoked
    target      VARCHAR(255),
    ip          VARCHAR(64),
    user_agent  VARCHAR(512),
    details     JSONB
);

CREATE INDEX audit_log_by_actor ON audit_log (actor, occurred_at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
