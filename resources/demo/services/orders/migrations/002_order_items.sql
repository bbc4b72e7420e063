-- Lines of an order. sku refers to inventory.products.sku (no cross-schema FK).
CREATE TABLE IF NOT EXISTS {{tables.order_items}} (
    id BIGSERIAL PRIMARY KEY,
    order_id BIGINT NOT NULL REFERENCES {{tables.orders}} (id) ON DELETE CASCADE,
    sku VARCHAR(32) NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    unit_price NUMERIC(10, 2) NOT NULL CHECK (unit_price >= 0)
);

CREATE INDEX IF NOT EXISTS order_items_order_id_idx ON {{tables.order_items}} (order_id);
