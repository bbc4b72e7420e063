-- Total of an order.
CREATE OR REPLACE FUNCTION {{schema}}.order_total(p_order_id BIGINT) RETURNS NUMERIC
LANGUAGE sql STABLE AS $$
    SELECT SUM(quantity * unit_price)
    FROM {{tables.order_items}}
    WHERE order_id = p_order_id
$$;
