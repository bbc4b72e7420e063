-- Server-side login sessions.
CREATE TABLE IF NOT EXISTS {{tables.sessions}} (
    token CHAR(64) PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES {{tables.users}} (id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX IF NOT EXISTS sessions_user_id_idx ON {{tables.sessions}} (user_id);
