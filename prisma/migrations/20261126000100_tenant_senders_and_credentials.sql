-- migrate:up
-- Tenants own their senders and may bring their own provider accounts.

-- An email sender may carry a display name ("Acme <hello@acme.com>"); numbers never do.
ALTER TABLE sender_addresses
  ADD COLUMN display_name text,
  ADD CONSTRAINT sender_addresses_display_name_email_only CHECK (display_name IS NULL OR channel = 'email');
-- The target of default_senders' foreign key: a default is one of the tenant's own senders on that channel.
CREATE UNIQUE INDEX sender_addresses_tenant_id_channel_id_key ON sender_addresses (tenant_id, channel, id);

-- One default sender per tenant and channel, enforced by the key. Removing the sender removes the default
-- (cascade): the channel falls back to the shared sender configured on the server.
CREATE TABLE default_senders (
  tenant_id         text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  channel           channel NOT NULL,
  sender_address_id text NOT NULL,
  updated_at        timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, channel),
  FOREIGN KEY (tenant_id, channel, sender_address_id) REFERENCES sender_addresses (tenant_id, channel, id) ON DELETE CASCADE
);

-- The tenant's side of each message: the sender an outbound message went out from (pinned before the first
-- provider call, so every retry and reconciliation uses the same one), or the number or address an inbound
-- message was sent to. An inbound message to a number no tenant registered finds its tenants through it.
ALTER TABLE messages ADD COLUMN tenant_address text;
-- That search starts from the contact's number, across tenants.
CREATE INDEX contacts_phone_idx ON contacts (phone);

-- A tenant's own provider account. The secret part (Twilio's Auth Token; Resend's API key and webhook secret)
-- is sealed with AES-256-GCM under HERALD_SECRETS_KEY, bound to (tenant, provider) as associated data; key_id
-- names the key that sealed it, so the key can be rotated. The other columns are not secret.
CREATE TYPE credential_provider AS ENUM ('twilio', 'resend');
CREATE TABLE provider_credentials (
  tenant_id          text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  provider           credential_provider NOT NULL,
  account_sid        text,
  key_last4          text,
  has_webhook_secret boolean NOT NULL DEFAULT false,
  key_id             text NOT NULL,
  iv                 bytea NOT NULL,
  auth_tag           bytea NOT NULL,
  ciphertext         bytea NOT NULL,
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  updated_at         timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, provider),
  CONSTRAINT provider_credentials_twilio_account CHECK ((provider = 'twilio') = (account_sid IS NOT NULL)),
  CONSTRAINT provider_credentials_gcm CHECK (octet_length(iv) = 12 AND octet_length(auth_tag) = 16)
);

-- migrate:down
DROP TABLE IF EXISTS provider_credentials;
DROP TYPE IF EXISTS credential_provider;
DROP INDEX IF EXISTS contacts_phone_idx;
ALTER TABLE messages DROP COLUMN IF EXISTS tenant_address;
DROP TABLE IF EXISTS default_senders;
DROP INDEX IF EXISTS sender_addresses_tenant_id_channel_id_key;
ALTER TABLE sender_addresses DROP CONSTRAINT IF EXISTS sender_addresses_display_name_email_only, DROP COLUMN IF EXISTS display_name;
