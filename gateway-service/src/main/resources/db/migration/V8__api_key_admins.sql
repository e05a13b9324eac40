-- Roles of token users come from their token; an API-key user has none to carry them, so an administrator among them
-- is marked here (the local user of ./autoflow up, who operates the machine's platform).
ALTER TABLE users ADD COLUMN admin BOOLEAN NOT NULL DEFAULT false;
