-- Text order: 10_ runs before 9_ (pgdbm sorts names as text).
ALTER TABLE {{tables.users}} ADD COLUMN name text;
