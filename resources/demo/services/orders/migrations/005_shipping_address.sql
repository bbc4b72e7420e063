-- Where and when an order was shipped.
ALTER TABLE {{tables.orders}}
    ADD COLUMN IF NOT EXISTS shipping_address JSONB,
    ADD COLUMN IF NOT EXISTS shipped_at TIMESTAMPTZ;

UPDATE {{tables.orders}} SET shipped_at = created_at + INTERVAL '2 days'
WHERE status = 'shipped' AND shipped_at IS NULL;
