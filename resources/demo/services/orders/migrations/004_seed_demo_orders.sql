-- Demo orders of the demo users (ids from the users service's seed).
WITH new_order AS (
    INSERT INTO {{tables.orders}} (user_id, status, created_at)
    VALUES ('6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e01', 'shipped', '2026-10-02 10:15+00')
    RETURNING id
)
INSERT INTO {{tables.order_items}} (order_id, sku, quantity, unit_price)
SELECT new_order.id, item.sku, item.quantity, item.unit_price
FROM new_order,
    (VALUES ('KB-001', 1, 89.00), ('MS-002', 2, 24.50)) AS item (sku, quantity, unit_price);

WITH new_order AS (
    INSERT INTO {{tables.orders}} (user_id, status, created_at)
    VALUES ('6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e02', 'paid', '2026-10-28 16:40+00')
    RETURNING id
)
INSERT INTO {{tables.order_items}} (order_id, sku, quantity, unit_price)
SELECT new_order.id, item.sku, item.quantity, item.unit_price
FROM new_order, (VALUES ('MON-027', 1, 329.99)) AS item (sku, quantity, unit_price);

WITH new_order AS (
    INSERT INTO {{tables.orders}} (user_id, status, created_at)
    VALUES ('6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e03', 'pending', '2026-11-14 08:05+00')
    RETURNING id
)
INSERT INTO {{tables.order_items}} (order_id, sku, quantity, unit_price)
SELECT new_order.id, item.sku, item.quantity, item.unit_price
FROM new_order,
    (VALUES ('KB-001', 3, 85.00), ('CAB-100', 5, 7.25)) AS item (sku, quantity, unit_price);
