-- migrate:up
-- A quote's lines as the lead reads them on the quote page: description, quantity and unit price each, adding up
-- to the total (the API checks the sum in cents before it writes).
ALTER TABLE quotes ADD COLUMN line_items jsonb NOT NULL DEFAULT '[]';

-- migrate:down
ALTER TABLE quotes DROP COLUMN line_items;
