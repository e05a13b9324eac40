-- The user's time zone (IANA id, e.g. Europe/Paris): the zone of a schedule that names none. Null: UTC.
ALTER TABLE users ADD COLUMN time_zone VARCHAR(64);
