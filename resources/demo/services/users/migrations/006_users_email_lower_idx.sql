-- pgdbm:no-transaction
-- Case-insensitive e-mail lookups. CONCURRENTLY cannot run inside a transaction block, hence the
-- marker above: pgdbm runs this file statement by statement, in autocommit.
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower_idx
    ON {{tables.users}} (lower(email));
