ALTER TABLE {{tables.orders}} ADD COLUMN flag boolean DEFAULT random() > 0.5;
ALTER TABLE {{tables.orders}} ADD COLUMN note text DEFAULT 'none';
