-- The seed's columns: the charts (title and blob key of each) and where the report downloads.
ALTER TABLE analytics_jobs ADD COLUMN charts JSONB;
ALTER TABLE analytics_jobs ADD COLUMN report_url TEXT;
