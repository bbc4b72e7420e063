-- Total of an order, rounded to cents; 0 for an order without lines.
CREATE OR REPLACE FUNCTION {{schema}}.order_total(p_order_id BIGINT) RETURNS NUMERIC
LANGUAGE sql STABLE AS $$
    SELECT COALESCE(ROUND(SUM(quantity * unit_price), 2), 0)
    FROM {{tables.order_items}}
    WHERE order_id = p_order_id
$$;
