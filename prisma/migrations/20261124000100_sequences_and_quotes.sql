-- migrate:up
-- Outreach sequences and quote automation: the tenant's quote messages, a transactional outbox that turns
-- every new quote row (from the API, the ingest endpoint or any other tool writing straight into the table)
-- into a quote workflow, bulk enrollments with progress, and enrollment bookkeeping.

ALTER TABLE tenants
  ADD COLUMN quote_message_template text NOT NULL
    DEFAULT 'Hi {{first_name|there}}, your quote from {{business_name}} for {{total}} is ready: {{short_url}}',
  ADD COLUMN quote_follow_up_template text NOT NULL
    DEFAULT 'Hi {{first_name|there}}, just checking in on your quote for {{total}} — you can accept it here: {{short_url}}',
  -- 0 turns the follow-up off.
  ADD COLUMN quote_follow_up_days integer NOT NULL DEFAULT 3 CHECK (quote_follow_up_days BETWEEN 0 AND 90);

ALTER TABLE quotes ADD COLUMN followed_up_at timestamptz(3);

-- One row per quote to hand to Temporal. Written by the same transaction that inserts the quote, so no quote
-- is ever missed, whoever inserts it; the relay starts workflow quote:<tenant>:<id>, whose id makes a second
-- start (a retry, or the API starting it directly) harmless.
CREATE TABLE quote_outbox (
  id          bigserial PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  quote_id    text NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  relayed_at  timestamptz(3),
  attempts    integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error  text,
  FOREIGN KEY (tenant_id, quote_id) REFERENCES quotes (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX quote_outbox_relayed_at_id_idx ON quote_outbox (relayed_at, id);
CREATE INDEX quote_outbox_tenant_id_quote_id_idx ON quote_outbox (tenant_id, quote_id);

CREATE FUNCTION enqueue_quote_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO quote_outbox (tenant_id, quote_id) VALUES (NEW.tenant_id, NEW.id);
  PERFORM pg_notify('herald_quote_outbox', NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER quotes_enqueue_outbox AFTER INSERT ON quotes
  FOR EACH ROW WHEN (NEW.status = 'open') EXECUTE FUNCTION enqueue_quote_outbox();

CREATE TYPE bulk_enrollment_status AS ENUM ('running', 'completed', 'failed');

-- A bulk enrollment is one workflow that starts enrollment workflows at a controlled pace; this row is its
-- progress, readable without asking Temporal.
CREATE TABLE bulk_enrollments (
  id          text PRIMARY KEY DEFAULT ('bke_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  sequence_id text NOT NULL,
  status      bulk_enrollment_status NOT NULL DEFAULT 'running',
  criteria    jsonb NOT NULL,
  total       integer NOT NULL DEFAULT 0 CHECK (total >= 0),
  enrolled    integer NOT NULL DEFAULT 0 CHECK (enrolled >= 0),
  skipped     integer NOT NULL DEFAULT 0 CHECK (skipped >= 0),
  workflow_id text,
  error       text,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  finished_at timestamptz(3),
  FOREIGN KEY (tenant_id, sequence_id) REFERENCES sequences (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX bulk_enrollments_tenant_id_id_key ON bulk_enrollments (tenant_id, id);
CREATE INDEX bulk_enrollments_tenant_id_created_at_idx ON bulk_enrollments (tenant_id, created_at DESC);

ALTER TABLE enrollments
  ADD COLUMN paused_at timestamptz(3),
  ADD COLUMN bulk_enrollment_id text;
CREATE INDEX enrollments_tenant_id_status_started_at_idx ON enrollments (tenant_id, status, started_at DESC);

-- migrate:down
DROP INDEX IF EXISTS enrollments_tenant_id_status_started_at_idx;
ALTER TABLE enrollments DROP COLUMN IF EXISTS bulk_enrollment_id, DROP COLUMN IF EXISTS paused_at;
DROP TABLE IF EXISTS bulk_enrollments;
DROP TYPE IF EXISTS bulk_enrollment_status;
DROP TRIGGER IF EXISTS quotes_enqueue_outbox ON quotes;
DROP FUNCTION IF EXISTS enqueue_quote_outbox();
DROP TABLE IF EXISTS quote_outbox;
ALTER TABLE quotes DROP COLUMN IF EXISTS followed_up_at;
ALTER TABLE tenants DROP COLUMN IF EXISTS quote_follow_up_days, DROP COLUMN IF EXISTS quote_follow_up_template, DROP COLUMN IF EXISTS quote_message_template;
