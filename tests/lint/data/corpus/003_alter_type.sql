ALTER TABLE {{tables.orders}} ALTER COLUMN "prix_€" TYPE bigint, ALTER COLUMN total TYPE bigint;
