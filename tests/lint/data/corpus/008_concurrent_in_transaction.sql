CREATE UNIQUE INDEX CONCURRENTLY customers_email ON {{tables.customers}} (email);
