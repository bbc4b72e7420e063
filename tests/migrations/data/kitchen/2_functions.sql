CREATE OR REPLACE FUNCTION {{schema}}.user_count() RETURNS bigint
LANGUAGE sql AS $$ SELECT count(*) FROM {{tables.users}} $$;

CREATE FUNCTION {{schema}}.touch() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    -- semicolons; inside; a body
    NEW.created_at := now();
    RETURN NEW;
END;
$body$;

DO $$ BEGIN INSERT INTO {{tables.log}} (msg) VALUES ('do; block'); END $$;
