-- Account holders of the shop. The id is what other services store (no cross-schema FKs).
CREATE TABLE IF NOT EXISTS {{tables.users}} (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email VARCHAR(255) UNIQUE NOT NULL,
    name VARCHAR(255) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

COMMENT ON TABLE {{tables.users}} IS 'Account holders; other services refer to id';
