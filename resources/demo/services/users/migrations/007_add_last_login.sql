-- Track the last sign-in of each user.
-- Backfill note: the UPDATE below rewrites every row of {{ tables.users }} once.
ALTER TABLE {{tables.users}} ADD COLUMN IF NOT EXISTS last_login_at TIMESTAMPTZ;

UPDATE {{tables.users}} SET last_login_at = created_at WHERE last_login_at IS NULL;
