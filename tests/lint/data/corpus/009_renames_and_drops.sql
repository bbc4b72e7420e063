ALTER TABLE {{tables.orders}} RENAME COLUMN note TO remark;
ALTER TABLE {{tables.orders}} DROP COLUMN remark;
ALTER TABLE {{tables.customers}} RENAME TO clients;
DROP TABLE {{tables.clients}};
