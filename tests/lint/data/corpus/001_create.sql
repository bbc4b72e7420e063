-- The tables the later migrations change.
CREATE TABLE {{tables.orders}} (id bigint PRIMARY KEY, customer_id bigint, total integer, "prix_€" integer);
CREATE TABLE {{tables.customers}} (id bigint PRIMARY KEY, email text);
