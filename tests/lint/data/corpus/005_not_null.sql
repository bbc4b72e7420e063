ALTER TABLE {{tables.customers}} ALTER COLUMN email SET NOT NULL;
