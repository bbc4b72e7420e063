CREATE TABLE {{tables.log}} (id serial, msg text);
INSERT INTO {{tables.log}} (msg) VALUES ('{{tables.users}} in a literal'), ('{{schema}}');
INSERT INTO {{tables.log}} (msg) VALUES (E'escaped \' quote; and {{schema}}');
