-- migrate:up
-- A tenant's business days (ISO weekdays, 1 = Monday … 7 = Sunday): "wait N business days" counts them.
ALTER TABLE tenants
  ADD COLUMN business_days integer[] NOT NULL DEFAULT '{1,2,3,4,5}'
    CHECK (cardinality(business_days) BETWEEN 1 AND 7 AND business_days <@ '{1,2,3,4,5,6,7}'::integer[]);

-- migrate:down
ALTER TABLE tenants DROP COLUMN IF EXISTS business_days;
