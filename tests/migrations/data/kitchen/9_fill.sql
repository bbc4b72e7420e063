INSERT INTO {{tables.users}} (email, name) VALUES ('a@example.org', 'Ann'), ('b@example.org', 'Bob');
CREATE INDEX users_name_idx ON {{tables.users}} (name);
