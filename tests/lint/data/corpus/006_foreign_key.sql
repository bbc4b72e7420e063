ALTER TABLE {{tables.orders}} ADD CONSTRAINT orders_customer_fk
    FOREIGN KEY (customer_id) REFERENCES {{tables.customers}} (id) NOT VALID;
ALTER TABLE {{tables.orders}} VALIDATE CONSTRAINT orders_customer_fk;
ALTER TABLE {{tables.customers}} ADD CONSTRAINT customers_email_check CHECK (email <> '');
