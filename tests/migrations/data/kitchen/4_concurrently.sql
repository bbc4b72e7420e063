-- pgdbm:no-transaction
-- CREATE INDEX CONCURRENTLY cannot run in a transaction block.
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower ON {{tables.users}} (lower(email));
INSERT INTO {{tables.log}} (msg) VALUES ('semi;colon ''quoted''');
INSERT INTO {{tables.log}} (msg) VALUES ($tag$dollar; body$tag$)
