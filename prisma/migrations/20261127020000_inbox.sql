-- migrate:up
-- The agents' inbox: threads that can be snoozed and labelled, per-member read state, canned replies, search
-- indexes, and the realtime event log the API streams (Server-Sent Events fed by LISTEN/NOTIFY).

-- Agents' replies from the inbox are messages of their own origin.
ALTER TABLE messages DROP CONSTRAINT messages_origin_check;
ALTER TABLE messages ADD CONSTRAINT messages_origin_check CHECK (origin IN ('api', 'agent', 'sequence', 'quote', 'notification', 'compliance'));

-- Trigram search over contacts' names, numbers and addresses (ILIKE '%…%' served by an index).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE threads
  -- Snoozed until this instant: the thread reads as snoozed before it and as open after it (decided when read,
  -- no timer). A new inbound message ends the snooze.
  ADD COLUMN snoozed_until timestamptz(3),
  ADD COLUMN labels text[] NOT NULL DEFAULT '{}',
  -- When the contact last wrote on this thread: a member's unread state compares it with when they last read.
  ADD COLUMN last_inbound_at timestamptz(3);

UPDATE threads t SET last_inbound_at = m.at
  FROM (SELECT tenant_id, thread_id, max(created_at) AS at FROM messages WHERE direction = 'inbound' AND thread_id IS NOT NULL GROUP BY 1, 2) m
 WHERE m.tenant_id = t.tenant_id AND m.thread_id = t.id;

-- Keyset pagination on (last_message_at, id), newest first; per status and per assignee for the inbox's filters.
DROP INDEX threads_tenant_id_last_message_at_idx;
CREATE INDEX threads_tenant_id_last_message_at_id_idx ON threads (tenant_id, last_message_at DESC NULLS LAST, id DESC);
CREATE INDEX threads_tenant_id_status_last_message_at_id_idx ON threads (tenant_id, status, last_message_at DESC NULLS LAST, id DESC);
CREATE INDEX threads_tenant_id_assignee_id_last_message_at_idx ON threads (tenant_id, assignee_id, last_message_at DESC NULLS LAST);
CREATE INDEX threads_labels_idx ON threads USING gin (labels);

-- Search: contacts by name, phone and email (trigram); messages by their words (full text, 'simple' config:
-- no stemming, any language).
CREATE INDEX contacts_search_trgm_idx ON contacts USING gin (
  (coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '')) gin_trgm_ops
);
CREATE INDEX messages_body_fts_idx ON messages USING gin (to_tsvector('simple', body));

-- When each member last read each thread; unread = inbound messages after it.
CREATE TABLE thread_reads (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  thread_id text NOT NULL,
  user_id   text NOT NULL,
  read_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, thread_id, user_id),
  FOREIGN KEY (tenant_id, thread_id) REFERENCES threads (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX thread_reads_tenant_id_user_id_idx ON thread_reads (tenant_id, user_id);

CREATE TABLE canned_replies (
  id         text PRIMARY KEY DEFAULT ('cnr_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  shortcut   text NOT NULL,
  body       text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX canned_replies_tenant_id_shortcut_key ON canned_replies (tenant_id, shortcut);

-- The realtime event log. Rows are written by triggers in the transaction that makes the change, whoever
-- makes it (API, worker activities, webhooks). `seq` numbers a tenant's events in commit order: it is taken at
-- commit (a deferred trigger) under a lock on the tenant's counter row, held to the end of the commit, so a
-- reader that sees seq N has seen every event before N — a client resuming after N misses nothing.
CREATE TABLE realtime_event_counters (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  last_seq  bigint NOT NULL DEFAULT 0
);

CREATE TABLE realtime_events (
  id         bigserial PRIMARY KEY,
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  -- Null only inside the writing transaction.
  seq        bigint,
  type       text NOT NULL,
  thread_id  text,
  data       jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX realtime_events_tenant_id_seq_key ON realtime_events (tenant_id, seq);
CREATE INDEX realtime_events_created_at_idx ON realtime_events (created_at);

CREATE FUNCTION realtime_event_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE next_seq bigint;
BEGIN
  INSERT INTO realtime_event_counters AS c (tenant_id, last_seq) VALUES (NEW.tenant_id, 1)
    ON CONFLICT (tenant_id) DO UPDATE SET last_seq = c.last_seq + 1
    RETURNING last_seq INTO next_seq;
  UPDATE realtime_events SET seq = next_seq WHERE id = NEW.id;
  -- Delivered at commit; identical notifications of one transaction are folded into one.
  PERFORM pg_notify('herald_realtime', NEW.tenant_id);
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER realtime_events_number AFTER INSERT ON realtime_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION realtime_event_number();

CREATE FUNCTION realtime_message_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO realtime_events (tenant_id, type, thread_id, data)
    VALUES (NEW.tenant_id, 'message.created', NEW.thread_id,
            jsonb_build_object('messageId', NEW.id, 'direction', NEW.direction, 'channel', NEW.channel, 'status', NEW.status));
  ELSIF NEW.status IS DISTINCT FROM OLD.status OR NEW.error_code IS DISTINCT FROM OLD.error_code
     OR NEW.scheduled_at IS DISTINCT FROM OLD.scheduled_at OR NEW.thread_id IS DISTINCT FROM OLD.thread_id THEN
    INSERT INTO realtime_events (tenant_id, type, thread_id, data)
    VALUES (NEW.tenant_id, 'message.updated', NEW.thread_id,
            jsonb_build_object('messageId', NEW.id, 'direction', NEW.direction, 'channel', NEW.channel, 'status', NEW.status));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER messages_realtime AFTER INSERT OR UPDATE ON messages FOR EACH ROW EXECUTE FUNCTION realtime_message_event();

CREATE FUNCTION realtime_note_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO realtime_events (tenant_id, type, thread_id, data)
  VALUES (NEW.tenant_id, 'note.created', NEW.thread_id,
          jsonb_build_object('noteId', NEW.id, 'visibility', NEW.visibility, 'authorId', NEW.author_id));
  RETURN NULL;
END $$;
CREATE TRIGGER notes_realtime AFTER INSERT ON notes FOR EACH ROW EXECUTE FUNCTION realtime_note_event();

CREATE FUNCTION realtime_thread_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status OR NEW.assignee_id IS DISTINCT FROM OLD.assignee_id
     OR NEW.snoozed_until IS DISTINCT FROM OLD.snoozed_until OR NEW.labels IS DISTINCT FROM OLD.labels THEN
    INSERT INTO realtime_events (tenant_id, type, thread_id, data)
    VALUES (NEW.tenant_id, 'thread.updated', NEW.id,
            jsonb_build_object('status', NEW.status, 'assigneeId', NEW.assignee_id, 'snoozedUntil', NEW.snoozed_until, 'labels', to_jsonb(NEW.labels)));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER threads_realtime AFTER UPDATE ON threads FOR EACH ROW EXECUTE FUNCTION realtime_thread_event();

CREATE FUNCTION realtime_read_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO realtime_events (tenant_id, type, thread_id, data)
  VALUES (NEW.tenant_id, 'thread.read', NEW.thread_id, jsonb_build_object('userId', NEW.user_id, 'readAt', NEW.read_at));
  RETURN NULL;
END $$;
CREATE TRIGGER thread_reads_realtime AFTER INSERT OR UPDATE ON thread_reads FOR EACH ROW EXECUTE FUNCTION realtime_read_event();

-- migrate:down
ALTER TABLE messages DROP CONSTRAINT messages_origin_check;
ALTER TABLE messages ADD CONSTRAINT messages_origin_check CHECK (origin IN ('api', 'sequence', 'quote', 'notification', 'compliance'));
DROP TRIGGER thread_reads_realtime ON thread_reads;
DROP TRIGGER threads_realtime ON threads;
DROP TRIGGER notes_realtime ON notes;
DROP TRIGGER messages_realtime ON messages;
DROP FUNCTION realtime_read_event();
DROP FUNCTION realtime_thread_event();
DROP FUNCTION realtime_note_event();
DROP FUNCTION realtime_message_event();
DROP TABLE realtime_events;
DROP FUNCTION realtime_event_number();
DROP TABLE realtime_event_counters;
DROP TABLE canned_replies;
DROP TABLE thread_reads;
DROP INDEX messages_body_fts_idx;
DROP INDEX contacts_search_trgm_idx;
DROP INDEX threads_labels_idx;
DROP INDEX threads_tenant_id_assignee_id_last_message_at_idx;
DROP INDEX threads_tenant_id_status_last_message_at_id_idx;
DROP INDEX threads_tenant_id_last_message_at_id_idx;
CREATE INDEX threads_tenant_id_last_message_at_idx ON threads (tenant_id, last_message_at DESC);
ALTER TABLE threads DROP COLUMN last_inbound_at, DROP COLUMN labels, DROP COLUMN snoozed_until;
