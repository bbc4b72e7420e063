-- pgdbm:no-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_total ON {{tables.orders}} (total);
