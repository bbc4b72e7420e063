INSERT INTO {{tables.items}} VALUES (1, current_setting('search_path'));
INSERT INTO {{tables.items}} VALUES (2, '{{schema}}');
