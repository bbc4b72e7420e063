-- One optional profile per user.
CREATE TABLE IF NOT EXISTS {{tables.profiles}} (
    user_id UUID PRIMARY KEY REFERENCES {{tables.users}} (id) ON DELETE CASCADE,
    display_name VARCHAR(100),
    locale VARCHAR(10) NOT NULL DEFAULT 'en',
    bio TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);
