-- Workflows (issue 18): what a user asked to be run as a chain of steps. Each save is a revision; a run copies the
-- revision it started with into its job's input, so editing or deleting a workflow never changes a run under way.
CREATE TABLE workflows (
    id          UUID PRIMARY KEY,
    user_id     VARCHAR(64)  NOT NULL,
    name        VARCHAR(100) NOT NULL,
    enabled     BOOLEAN      NOT NULL DEFAULT TRUE,
    revision    INTEGER      NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX workflows_by_user ON workflows (user_id, created_at DESC);

CREATE TABLE workflow_revisions (
    workflow_id UUID        NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
    revision    INTEGER     NOT NULL,
    definition  JSONB       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workflow_id, revision)
);
