-- migrate:up
-- Nothing swallowed, nothing doubled.
--
-- 1. The quote outbox becomes an outbox of workflow starts. A row is written in the same transaction as the
--    rows it starts work for — by a trigger for quotes (whoever writes them), by Herald for owner alerts and
--    inbound messages — and the worker's relay starts the workflow (the API starts it too, for promptness;
--    the workflow id makes the second start harmless). One row per subject: never enqueued twice.
-- 2. A quote inserted as a draft and opened later is queued when it opens.
-- 3. An ingest request is claimed before its work runs: twins wait on the claim instead of doing the work too.
-- 4. A delivery status for a message whose provider id is not known yet is kept with what it means, and is
--    applied when the id lands.

CREATE TYPE workflow_outbox_kind AS ENUM ('quote', 'message', 'inbound');

CREATE TABLE workflow_outbox (
  id          bigserial PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  -- quote: sendQuoteWorkflow for quote_id; message: sendScheduledMessageWorkflow for message_id (an outbound
  -- message); inbound: handleInboundMessageWorkflow for message_id (an inbound message).
  kind        workflow_outbox_kind NOT NULL,
  quote_id    text,
  message_id  text,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  relayed_at  timestamptz(3),
  attempts    integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error  text,
  CHECK (((kind = 'quote') = (quote_id IS NOT NULL)) AND ((kind <> 'quote') = (message_id IS NOT NULL))),
  FOREIGN KEY (tenant_id, quote_id) REFERENCES quotes (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, message_id) REFERENCES messages (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX workflow_outbox_tenant_id_kind_quote_id_key ON workflow_outbox (tenant_id, kind, quote_id);
CREATE UNIQUE INDEX workflow_outbox_tenant_id_kind_message_id_key ON workflow_outbox (tenant_id, kind, message_id);
CREATE INDEX workflow_outbox_relayed_at_id_idx ON workflow_outbox (relayed_at, id);

INSERT INTO workflow_outbox (tenant_id, kind, quote_id, created_at, relayed_at, attempts, last_error)
SELECT DISTINCT ON (tenant_id, quote_id) tenant_id, 'quote', quote_id, created_at, relayed_at, attempts, last_error
  FROM quote_outbox
 ORDER BY tenant_id, quote_id, relayed_at NULLS FIRST, id;

DROP TRIGGER quotes_enqueue_outbox ON quotes;
DROP FUNCTION enqueue_quote_outbox();
DROP TABLE quote_outbox;

-- Every writer wakes the relay: the NOTIFY is delivered when the writing transaction commits.
CREATE FUNCTION notify_workflow_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('herald_workflow_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER workflow_outbox_notify AFTER INSERT ON workflow_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION notify_workflow_outbox();

CREATE FUNCTION enqueue_quote_workflow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO workflow_outbox (tenant_id, kind, quote_id) VALUES (NEW.tenant_id, 'quote', NEW.id)
    ON CONFLICT (tenant_id, kind, quote_id) DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER quotes_enqueue_workflow AFTER INSERT ON quotes
  FOR EACH ROW WHEN (NEW.status = 'open') EXECUTE FUNCTION enqueue_quote_workflow();
CREATE TRIGGER quotes_enqueue_workflow_when_opened AFTER UPDATE OF status ON quotes
  FOR EACH ROW WHEN (NEW.status = 'open' AND OLD.status IS DISTINCT FROM 'open') EXECUTE FUNCTION enqueue_quote_workflow();

-- NULL while the claiming transaction runs. The claim, the work and the answer commit together, so a
-- committed row always has its answer; a failed call leaves no row behind.
ALTER TABLE ingest_requests ALTER COLUMN response DROP NOT NULL;

ALTER TABLE webhook_events
  -- The provider's id of the message the event is about (Twilio MessageSid, Resend email id).
  ADD COLUMN provider_message_id text,
  -- What a delivery event does to its message ({"status","at","errorCode","errorMessage","revokeEmailConsent"}),
  -- kept until a message with provider_message_id exists.
  ADD COLUMN delivery_update jsonb;
CREATE INDEX webhook_events_provider_message_id_idx ON webhook_events (provider_message_id) WHERE processed_at IS NULL;

-- migrate:down
DROP INDEX IF EXISTS webhook_events_provider_message_id_idx;
ALTER TABLE webhook_events DROP COLUMN IF EXISTS delivery_update, DROP COLUMN IF EXISTS provider_message_id;
DELETE FROM ingest_requests WHERE response IS NULL;
ALTER TABLE ingest_requests ALTER COLUMN response SET NOT NULL;

DROP TRIGGER IF EXISTS quotes_enqueue_workflow_when_opened ON quotes;
DROP TRIGGER IF EXISTS quotes_enqueue_workflow ON quotes;
DROP FUNCTION IF EXISTS enqueue_quote_workflow();

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
INSERT INTO quote_outbox (tenant_id, quote_id, created_at, relayed_at, attempts, last_error)
SELECT tenant_id, quote_id, created_at, relayed_at, attempts, last_error FROM workflow_outbox WHERE kind = 'quote' ORDER BY id;

CREATE FUNCTION enqueue_quote_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO quote_outbox (tenant_id, quote_id) VALUES (NEW.tenant_id, NEW.id);
  PERFORM pg_notify('herald_quote_outbox', NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER quotes_enqueue_outbox AFTER INSERT ON quotes
  FOR EACH ROW WHEN (NEW.status = 'open') EXECUTE FUNCTION enqueue_quote_outbox();

DROP TRIGGER IF EXISTS workflow_outbox_notify ON workflow_outbox;
DROP FUNCTION IF EXISTS notify_workflow_outbox();
DROP TABLE IF EXISTS workflow_outbox;
DROP TYPE IF EXISTS workflow_outbox_kind;
