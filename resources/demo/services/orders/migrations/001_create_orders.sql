-- Orders of the shop.
CREATE TYPE {{schema}}.order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');

CREATE TABLE IF NOT EXISTS {{tables.orders}} (
    id BIGSERIAL PRIMARY KEY,
    -- users.users.id: foreign keys do not cross schemas, the service validates it
    user_id UUID NOT NULL,
    status {{schema}}.order_status NOT NULL DEFAULT 'pending',
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

CREATE INDEX IF NOT EXISTS orders_user_id_idx ON {{tables.orders}} (user_id);
