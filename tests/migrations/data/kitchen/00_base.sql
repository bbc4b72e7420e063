-- Base tables for {{schema}}; this comment mentions {{tables.users}} too.
CREATE TABLE IF NOT EXISTS {{tables.users}} (
    id SERIAL PRIMARY KEY,
    email VARCHAR(255) UNIQUE NOT NULL,
    created_at TIMESTAMPTZ DEFAULT NOW()
);

/* A block comment with a ; and {{tables.nothing}} */
CREATE TABLE unqualified_notes (id int, body text);
