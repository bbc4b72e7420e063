INSERT INTO {{tables.log}} (msg) SELECT 'current schema: ' || current_schema();
INSERT INTO unqualified_notes VALUES (1, 'unqualified names follow search_path');
CREATE TABLE {{tables.weird}} ("semi;colon" int, "quote""d" text);
INSERT INTO {{tables.log}} (msg) SELECT 'search_path: ' || current_setting('search_path');
