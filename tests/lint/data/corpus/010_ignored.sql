-- squawk-ignore-file prefer-robust-stmts
-- squawk-ignore require-concurrent-index-creation
CREATE INDEX orders_flag ON {{tables.orders}} (flag);
CREATE INDEX orders_id_total ON {{schema}}.orders (id, total);
