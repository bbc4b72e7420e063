CREATE INDEX orders_customer ON {{tables.orders}} (customer_id);
