-- Audit trail of status changes, written by a trigger.
CREATE TABLE IF NOT EXISTS {{tables.order_status_history}} (
    id BIGSERIAL PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES {{tables.orders}} (id) ON DELETE CASCADE,
    old_status {{schema}}.order_status,
    new_status {{schema}}.order_status NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE OR REPLACE FUNCTION {{schema}}.record_status_change() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    -- a ';' inside the body must not split the statement
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO {{tables.order_status_history}} (order_id, old_status, new_status)
        VALUES (NEW.id, OLD.status, NEW.status);
    END IF;
    RETURN NEW;
END;
$body$;

CREATE TRIGGER orders_record_status_change
    AFTER UPDATE OF status ON {{tables.orders}}
    FOR EACH ROW EXECUTE FUNCTION {{schema}}.record_status_change();
