-- Keep profiles.updated_at current on every update.
CREATE OR REPLACE FUNCTION {{schema}}.touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END;
$$;

CREATE TRIGGER profiles_touch_updated_at
    BEFORE UPDATE ON {{tables.profiles}}
    FOR EACH ROW EXECUTE FUNCTION {{schema}}.touch_updated_at();
