-- Users who asked to be forgotten, by their random id only: work of theirs still running when they were erased is
-- thrown away when it ends, instead of leaving a report behind.
CREATE TABLE erased_users (
    user_id    VARCHAR(255) PRIMARY KEY,
    erased_at  TIMESTAMPTZ  NOT NULL
);
