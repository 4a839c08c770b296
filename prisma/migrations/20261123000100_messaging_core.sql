-- migrate:up
-- Messaging core: sender numbers (inbound routing), the send ledger (exactly-once sends), the WhatsApp
-- 24-hour window, ingest tokens, owner notification rules and per-tenant send rate limits.

CREATE TYPE send_status AS ENUM ('pending', 'accepted', 'failed', 'ambiguous');

ALTER TABLE contacts ADD COLUMN last_inbound_whatsapp_at timestamptz(3);

-- A tenant's own numbers and addresses; an inbound webhook is routed to the tenant owning its To address.
CREATE TABLE sender_addresses (
  id         text PRIMARY KEY DEFAULT ('snd_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  channel    channel NOT NULL,
  address    text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sender_addresses_channel_address_key ON sender_addresses (channel, address);
CREATE INDEX sender_addresses_tenant_id_idx ON sender_addresses (tenant_id);

-- Written before every provider call, keyed by the message's idempotency key, so a retry after a crash
-- knows whether the provider may already have the message.
CREATE TABLE send_ledger (
  id                  text PRIMARY KEY DEFAULT ('sle_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id           text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  message_id          text NOT NULL,
  idempotency_key     text NOT NULL,
  provider            text NOT NULL,
  status              send_status NOT NULL DEFAULT 'pending',
  attempts            integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  provider_message_id text,
  last_error          text,
  created_at          timestamptz(3) NOT NULL DEFAULT now(),
  updated_at          timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, message_id) REFERENCES messages (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX send_ledger_idempotency_key_key ON send_ledger (idempotency_key);
CREATE UNIQUE INDEX send_ledger_provider_message_id_key ON send_ledger (provider_message_id);
CREATE INDEX send_ledger_tenant_id_message_id_idx ON send_ledger (tenant_id, message_id);
CREATE TRIGGER send_ledger_set_updated_at BEFORE UPDATE ON send_ledger FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Tokens for websites and tools the tenant controls (POST /ingest/*); only the hash is stored.
CREATE TABLE ingest_tokens (
  id           text PRIMARY KEY DEFAULT ('ing_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name         text NOT NULL,
  prefix       text NOT NULL,
  token_hash   text NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at timestamptz(3),
  revoked_at   timestamptz(3)
);
CREATE UNIQUE INDEX ingest_tokens_token_hash_key ON ingest_tokens (token_hash);
CREATE INDEX ingest_tokens_tenant_id_idx ON ingest_tokens (tenant_id);

-- Idempotency for ingest calls: the caller's key, per tenant and endpoint, with the answer it got.
CREATE TABLE ingest_requests (
  id              text PRIMARY KEY DEFAULT ('inr_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id       text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  endpoint        text NOT NULL,
  idempotency_key text NOT NULL,
  response        jsonb NOT NULL,
  created_at      timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ingest_requests_tenant_id_endpoint_idempotency_key_key ON ingest_requests (tenant_id, endpoint, idempotency_key);

-- "Tell me when a lead comes in": an SMS or email to an owner.
CREATE TABLE notification_rules (
  id         text PRIMARY KEY DEFAULT ('nru_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  event      text NOT NULL CHECK (event IN ('lead.created')),
  channel    channel NOT NULL,
  recipient  text NOT NULL,
  enabled    boolean NOT NULL DEFAULT true,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX notification_rules_tenant_id_event_idx ON notification_rules (tenant_id, event);

-- Per-tenant token buckets, refilled on read; in Postgres so that every API instance shares them.
CREATE TABLE rate_limit_buckets (
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  bucket     text NOT NULL,
  tokens     double precision NOT NULL,
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, bucket)
);

-- migrate:down
DROP TABLE IF EXISTS rate_limit_buckets, notification_rules, ingest_requests, ingest_tokens, send_ledger, sender_addresses;
ALTER TABLE contacts DROP COLUMN IF EXISTS last_inbound_whatsapp_at;
DROP TYPE IF EXISTS send_status;
