CREATE SCHEMA IF NOT EXISTS reference_data;
CREATE TABLE IF NOT EXISTS {{tables.reference_data.countries}} (code text PRIMARY KEY);
INSERT INTO {{tables.reference_data.countries}} VALUES ('fr'), ('de') ON CONFLICT DO NOTHING;
