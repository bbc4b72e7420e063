CREATE TABLE {{tables.items}} (id int PRIMARY KEY, note text);
