-- migrate:up
-- Herald's initial data model. prisma/schema.prisma mirrors this file; the drift test keeps them equal.

CREATE TYPE user_role AS ENUM ('owner', 'admin', 'agent', 'viewer');
CREATE TYPE channel AS ENUM ('sms', 'whatsapp', 'email');
CREATE TYPE consent_status AS ENUM ('unknown', 'granted', 'revoked');
CREATE TYPE thread_status AS ENUM ('open', 'closed');
CREATE TYPE message_direction AS ENUM ('inbound', 'outbound');
CREATE TYPE message_status AS ENUM (
  'scheduled', 'queued', 'sending', 'sent', 'delivered', 'read', 'undelivered', 'failed', 'cancelled', 'received'
);
CREATE TYPE note_visibility AS ENUM ('public', 'private');
CREATE TYPE quote_status AS ENUM ('draft', 'open', 'sent', 'accepted', 'rejected', 'expired');
CREATE TYPE wait_unit AS ENUM ('minutes', 'hours', 'days', 'business_days');
CREATE TYPE enrollment_status AS ENUM ('active', 'paused', 'completed', 'stopped', 'failed');

CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;

CREATE TABLE tenants (
  id                 text PRIMARY KEY DEFAULT ('ten_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  name               text NOT NULL,
  business_name      text NOT NULL,
  support_contact    text,
  time_zone          text NOT NULL DEFAULT 'UTC',
  quiet_start_minute integer CHECK (quiet_start_minute BETWEEN 0 AND 1439),
  quiet_end_minute   integer CHECK (quiet_end_minute BETWEEN 0 AND 1439),
  created_at         timestamptz(3) NOT NULL DEFAULT now(),
  updated_at         timestamptz(3) NOT NULL DEFAULT now(),
  CHECK ((quiet_start_minute IS NULL) = (quiet_end_minute IS NULL))
);

CREATE TABLE api_keys (
  id           text PRIMARY KEY DEFAULT ('key_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name         text NOT NULL,
  prefix       text NOT NULL,
  key_hash     text NOT NULL,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  last_used_at timestamptz(3),
  revoked_at   timestamptz(3)
);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_tenant_id_idx ON api_keys (tenant_id);

CREATE TABLE users (
  id         text PRIMARY KEY DEFAULT ('usr_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  email      text NOT NULL,
  name       text NOT NULL,
  role       user_role NOT NULL DEFAULT 'agent',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_tenant_id_id_key ON users (tenant_id, id);
CREATE UNIQUE INDEX users_tenant_id_email_key ON users (tenant_id, email);

CREATE TABLE contacts (
  id                  text PRIMARY KEY DEFAULT ('ctc_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id           text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  first_name          text,
  last_name           text,
  phone               text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email               text CHECK (email = lower(email)),
  time_zone           text,
  custom_properties   jsonb NOT NULL DEFAULT '{}',
  sms_consent         consent_status NOT NULL DEFAULT 'unknown',
  sms_consent_at      timestamptz(3),
  whatsapp_consent    consent_status NOT NULL DEFAULT 'unknown',
  whatsapp_consent_at timestamptz(3),
  email_consent       consent_status NOT NULL DEFAULT 'unknown',
  email_consent_at    timestamptz(3),
  source              text,
  created_at          timestamptz(3) NOT NULL DEFAULT now(),
  updated_at          timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contacts_tenant_id_id_key ON contacts (tenant_id, id);
CREATE UNIQUE INDEX contacts_tenant_id_phone_key ON contacts (tenant_id, phone);
CREATE UNIQUE INDEX contacts_tenant_id_email_key ON contacts (tenant_id, email);
CREATE INDEX contacts_tenant_id_created_at_idx ON contacts (tenant_id, created_at DESC);

CREATE TABLE threads (
  id              text PRIMARY KEY DEFAULT ('thr_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id       text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  contact_id      text NOT NULL,
  channel         channel NOT NULL,
  status          thread_status NOT NULL DEFAULT 'open',
  unread_count    integer NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
  last_message_at timestamptz(3),
  assignee_id     text,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id) ON DELETE NO ACTION ON UPDATE CASCADE
);
CREATE UNIQUE INDEX threads_tenant_id_id_key ON threads (tenant_id, id);
CREATE UNIQUE INDEX threads_tenant_id_contact_id_channel_key ON threads (tenant_id, contact_id, channel);
CREATE INDEX threads_tenant_id_last_message_at_idx ON threads (tenant_id, last_message_at DESC);

CREATE TABLE messages (
  id                  text PRIMARY KEY DEFAULT ('msg_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id           text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  contact_id          text NOT NULL,
  thread_id           text,
  direction           message_direction NOT NULL,
  channel             channel NOT NULL,
  body                text NOT NULL,
  subject             text,
  media_urls          text[] NOT NULL DEFAULT ARRAY[]::text[],
  status              message_status NOT NULL,
  provider            text,
  provider_message_id text,
  error_code          text,
  error_message       text,
  scheduled_at        timestamptz(3),
  sent_at             timestamptz(3),
  delivered_at        timestamptz(3),
  read_at             timestamptz(3),
  cancelled_at        timestamptz(3),
  workflow_id         text,
  idempotency_key     text,
  created_at          timestamptz(3) NOT NULL DEFAULT now(),
  updated_at          timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, thread_id) REFERENCES threads (tenant_id, id) ON DELETE NO ACTION ON UPDATE CASCADE
);
CREATE UNIQUE INDEX messages_tenant_id_id_key ON messages (tenant_id, id);
CREATE UNIQUE INDEX messages_provider_message_id_key ON messages (provider_message_id);
CREATE UNIQUE INDEX messages_idempotency_key_key ON messages (idempotency_key);
CREATE INDEX messages_tenant_id_created_at_idx ON messages (tenant_id, created_at DESC);
CREATE INDEX messages_tenant_id_thread_id_created_at_idx ON messages (tenant_id, thread_id, created_at);
CREATE INDEX messages_tenant_id_contact_id_status_idx ON messages (tenant_id, contact_id, status);

CREATE TABLE notes (
  id         text PRIMARY KEY DEFAULT ('not_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  thread_id  text NOT NULL,
  author_id  text,
  body       text NOT NULL,
  visibility note_visibility NOT NULL DEFAULT 'private',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, thread_id) REFERENCES threads (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id) ON DELETE NO ACTION ON UPDATE CASCADE
);
CREATE INDEX notes_tenant_id_thread_id_created_at_idx ON notes (tenant_id, thread_id, created_at);

CREATE TABLE templates (
  id         text PRIMARY KEY DEFAULT ('tpl_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name       text NOT NULL,
  channel    channel NOT NULL,
  subject    text,
  body       text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX templates_tenant_id_id_key ON templates (tenant_id, id);
CREATE UNIQUE INDEX templates_tenant_id_name_key ON templates (tenant_id, name);

CREATE TABLE quotes (
  id           text PRIMARY KEY DEFAULT ('quo_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  contact_id   text NOT NULL,
  external_id  text,
  title        text,
  total        decimal(14, 2) NOT NULL CHECK (total >= 0),
  currency     char(3) NOT NULL DEFAULT 'USD',
  status       quote_status NOT NULL DEFAULT 'open',
  data         jsonb NOT NULL DEFAULT '{}',
  public_token text NOT NULL DEFAULT replace((gen_random_uuid())::text, '-'::text, ''::text),
  expires_at   timestamptz(3),
  sent_at      timestamptz(3),
  responded_at timestamptz(3),
  workflow_id  text,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  updated_at   timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX quotes_tenant_id_id_key ON quotes (tenant_id, id);
CREATE UNIQUE INDEX quotes_tenant_id_external_id_key ON quotes (tenant_id, external_id);
CREATE UNIQUE INDEX quotes_public_token_key ON quotes (public_token);
CREATE INDEX quotes_tenant_id_status_created_at_idx ON quotes (tenant_id, status, created_at DESC);

CREATE TABLE sequences (
  id          text PRIMARY KEY DEFAULT ('seq_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name        text NOT NULL,
  archived_at timestamptz(3),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sequences_tenant_id_id_key ON sequences (tenant_id, id);
CREATE UNIQUE INDEX sequences_tenant_id_name_key ON sequences (tenant_id, name);

CREATE TABLE sequence_versions (
  id           text PRIMARY KEY DEFAULT ('sqv_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  sequence_id  text NOT NULL,
  version      integer NOT NULL CHECK (version > 0),
  settings     jsonb NOT NULL DEFAULT '{}',
  published_at timestamptz(3),
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, sequence_id) REFERENCES sequences (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX sequence_versions_tenant_id_id_key ON sequence_versions (tenant_id, id);
CREATE UNIQUE INDEX sequence_versions_sequence_id_version_key ON sequence_versions (sequence_id, version);

CREATE TABLE sequence_steps (
  id          text PRIMARY KEY DEFAULT ('sqs_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id   text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  version_id  text NOT NULL,
  position    integer NOT NULL CHECK (position >= 0),
  channel     channel NOT NULL,
  wait_amount integer NOT NULL DEFAULT 0 CHECK (wait_amount >= 0),
  wait_unit   wait_unit NOT NULL DEFAULT 'days',
  template_id text,
  subject     text,
  body        text,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, version_id) REFERENCES sequence_versions (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, template_id) REFERENCES templates (tenant_id, id) ON DELETE NO ACTION ON UPDATE CASCADE,
  CHECK (template_id IS NOT NULL OR body IS NOT NULL)
);
CREATE UNIQUE INDEX sequence_steps_version_id_position_key ON sequence_steps (version_id, position);

-- Running enrollments keep the version they started on, so a published version must never change.
CREATE FUNCTION forbid_published_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  published timestamptz;
BEGIN
  IF TG_TABLE_NAME = 'sequence_versions' THEN
    published := OLD.published_at;
  ELSE
    SELECT published_at INTO published FROM sequence_versions WHERE id = COALESCE(OLD.version_id, NEW.version_id);
  END IF;
  IF published IS NOT NULL THEN
    RAISE EXCEPTION 'sequence version is published and immutable' USING ERRCODE = 'check_violation';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;
CREATE TRIGGER sequence_versions_immutable BEFORE UPDATE ON sequence_versions
  FOR EACH ROW WHEN (OLD.published_at IS NOT NULL) EXECUTE FUNCTION forbid_published_version_change();
CREATE TRIGGER sequence_steps_immutable BEFORE UPDATE OR DELETE ON sequence_steps
  FOR EACH ROW EXECUTE FUNCTION forbid_published_version_change();

CREATE TABLE enrollments (
  id           text PRIMARY KEY DEFAULT ('enr_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  sequence_id  text NOT NULL,
  version_id   text NOT NULL,
  contact_id   text NOT NULL,
  status       enrollment_status NOT NULL DEFAULT 'active',
  current_step integer NOT NULL DEFAULT 0,
  next_send_at timestamptz(3),
  stop_reason  text,
  workflow_id  text,
  started_at   timestamptz(3) NOT NULL DEFAULT now(),
  ended_at     timestamptz(3),
  updated_at   timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, sequence_id) REFERENCES sequences (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, version_id) REFERENCES sequence_versions (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX enrollments_tenant_id_id_key ON enrollments (tenant_id, id);
CREATE INDEX enrollments_tenant_id_sequence_id_status_idx ON enrollments (tenant_id, sequence_id, status);
CREATE INDEX enrollments_tenant_id_contact_id_status_idx ON enrollments (tenant_id, contact_id, status);

CREATE TABLE webhook_events (
  id                text PRIMARY KEY DEFAULT ('whe_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id         text REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  provider          text NOT NULL,
  provider_event_id text NOT NULL,
  type              text NOT NULL,
  payload           jsonb NOT NULL,
  received_at       timestamptz(3) NOT NULL DEFAULT now(),
  processed_at      timestamptz(3),
  error             text
);
CREATE UNIQUE INDEX webhook_events_provider_provider_event_id_key ON webhook_events (provider, provider_event_id);
CREATE INDEX webhook_events_tenant_id_received_at_idx ON webhook_events (tenant_id, received_at DESC);

CREATE TABLE event_logs (
  id           text PRIMARY KEY DEFAULT ('evt_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  type         text NOT NULL,
  subject_type text NOT NULL,
  subject_id   text NOT NULL,
  data         jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX event_logs_tenant_id_subject_type_subject_id_created_at_idx
  ON event_logs (tenant_id, subject_type, subject_id, created_at);
CREATE INDEX event_logs_tenant_id_created_at_idx ON event_logs (tenant_id, created_at DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['tenants', 'users', 'contacts', 'threads', 'messages', 'templates', 'quotes',
                           'sequences', 'enrollments'] LOOP
    EXECUTE format('CREATE TRIGGER %I_set_updated_at BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION set_updated_at()', t, t);
  END LOOP;
END $$;

-- migrate:down
DROP TABLE IF EXISTS event_logs, webhook_events, enrollments, sequence_steps, sequence_versions, sequences,
  quotes, templates, notes, messages, threads, contacts, users, api_keys, tenants CASCADE;
DROP FUNCTION IF EXISTS forbid_published_version_change, set_updated_at;
DROP TYPE IF EXISTS enrollment_status, wait_unit, quote_status, note_visibility, message_status,
  message_direction, thread_status, consent_status, channel, user_role;
