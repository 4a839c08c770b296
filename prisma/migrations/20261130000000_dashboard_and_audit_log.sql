-- migrate:up
-- The dashboard and the audit log.
--
-- Who did each thing in the event log gets columns of its own (it was a key of `data` on a few events): the
-- audit log filters by it, and under row-level security a filter on `data->'actor'->>'id'` could not use an
-- index (jsonb operators are not leakproof, so Postgres checks the tenant policy on every row first; see
-- docs/ROW-LEVEL-SECURITY.md). Text equality is leakproof: the actor filter is an index condition.
ALTER TABLE event_logs
  ADD COLUMN actor_type text NOT NULL DEFAULT 'system'
    CHECK (actor_type IN ('user', 'apiKey', 'ingestToken', 'contact', 'system')),
  ADD COLUMN actor_id text,
  ADD CONSTRAINT event_logs_actor_check CHECK ((actor_type = 'system') = (actor_id IS NULL));
-- The migrating owner may be held by FORCE ROW LEVEL SECURITY (managed Postgres): move the rows as the system role.
SET LOCAL ROLE herald_system;
UPDATE event_logs
   SET actor_type = data->'actor'->>'kind', actor_id = data->'actor'->>'id', data = data - 'actor'
 WHERE data->'actor'->>'kind' IN ('user', 'apiKey') AND data->'actor'->>'id' IS NOT NULL;
UPDATE event_logs SET data = data - 'actor' WHERE data ? 'actor';
RESET ROLE;

-- The audit log: newest first, keyset-paged by (created_at, id), whole or by actor or by action type.
DROP INDEX event_logs_tenant_id_created_at_idx;
CREATE INDEX event_logs_tenant_id_created_at_id_idx ON event_logs (tenant_id, created_at DESC, id DESC);
CREATE INDEX event_logs_tenant_id_actor_id_created_at_id_idx ON event_logs (tenant_id, actor_id, created_at DESC, id DESC);
CREATE INDEX event_logs_tenant_id_type_created_at_id_idx ON event_logs (tenant_id, type, created_at DESC, id DESC);
-- By subject (a thread's timeline, an audit filter on one record), with the id for ties.
DROP INDEX event_logs_tenant_id_subject_type_subject_id_created_at_idx;
CREATE INDEX event_logs_tenant_id_subject_type_subject_id_created_at_id_idx ON event_logs (tenant_id, subject_type, subject_id, created_at DESC, id DESC);

-- Email engagement from Resend's email.opened and email.clicked: the first time and how many.
ALTER TABLE messages
  ADD COLUMN opened_at timestamptz(3),
  ADD COLUMN open_count integer NOT NULL DEFAULT 0,
  ADD COLUMN clicked_at timestamptz(3),
  ADD COLUMN click_count integer NOT NULL DEFAULT 0;

-- A quote's first view on its public page.
ALTER TABLE quotes ADD COLUMN viewed_at timestamptz(3);

-- The dashboard's indexes. Each metric is one aggregate over a tenant's range of days; these let it read the
-- range from an index alone (index-only scans: the columns it groups and counts by are INCLUDEd). They are
-- partial on the direction (and status) because an enum comparison is not leakproof: under row-level security
-- it could not be an index condition, but a partial index's predicate still proves it.
-- Received by day; the inbound side of first response times.
CREATE INDEX messages_received_dashboard_idx ON messages (tenant_id, created_at)
  INCLUDE (channel, thread_id, contact_id) WHERE direction = 'inbound';
-- Sent by day (by the time the provider took it), delivery outcomes, who was messaged (reply rate).
CREATE INDEX messages_sent_dashboard_idx ON messages (tenant_id, sent_at)
  INCLUDE (channel, status, error_code, contact_id) WHERE direction = 'outbound' AND sent_at IS NOT NULL;
-- Failed messages, by creation: the top failure reasons, and those that failed before any provider took them
-- (opted out, no address, retries exhausted). Few rows, so their error text is read from the table.
CREATE INDEX messages_failures_dashboard_idx ON messages (tenant_id, created_at)
  INCLUDE (channel, error_code, sent_at) WHERE direction = 'outbound' AND status IN ('failed', 'undelivered');
-- Email opens and clicks of the emails sent in a range.
CREATE INDEX messages_email_engagement_dashboard_idx ON messages (tenant_id, sent_at)
  INCLUDE (opened_at, open_count, clicked_at, click_count) WHERE direction = 'outbound' AND channel = 'email' AND sent_at IS NOT NULL;
-- The next agent reply on a thread after an inbound message (first response time).
CREATE INDEX messages_agent_replies_dashboard_idx ON messages (tenant_id, thread_id, created_at) WHERE origin = 'agent';
-- Did the contact write after a time (reply rate, a funnel's replies): the contact's inbound messages by time, so a
-- contact who did not costs one index probe and no read of the table.
CREATE INDEX messages_inbound_by_contact_dashboard_idx ON messages (tenant_id, contact_id, created_at) WHERE direction = 'inbound';
-- Whether a sequence step's message went out, looked up by its derived id without reading the table.
CREATE INDEX messages_sequence_steps_dashboard_idx ON messages (tenant_id, id) INCLUDE (sent_at) WHERE origin = 'sequence';
-- A sequence's funnel: its enrollments started in the range.
CREATE INDEX enrollments_funnel_dashboard_idx ON enrollments (tenant_id, sequence_id, started_at)
  INCLUDE (version_id, contact_id, status, stop_reason, ended_at);
-- Quotes sent in the range, by outcome.
CREATE INDEX quotes_outcomes_dashboard_idx ON quotes (tenant_id, sent_at)
  INCLUDE (status, viewed_at) WHERE sent_at IS NOT NULL;

-- migrate:down
DROP INDEX quotes_outcomes_dashboard_idx;
DROP INDEX enrollments_funnel_dashboard_idx;
DROP INDEX messages_sequence_steps_dashboard_idx;
DROP INDEX messages_inbound_by_contact_dashboard_idx;
DROP INDEX messages_agent_replies_dashboard_idx;
DROP INDEX messages_email_engagement_dashboard_idx;
DROP INDEX messages_failures_dashboard_idx;
DROP INDEX messages_sent_dashboard_idx;
DROP INDEX messages_received_dashboard_idx;
ALTER TABLE quotes DROP COLUMN viewed_at;
ALTER TABLE messages DROP COLUMN opened_at, DROP COLUMN open_count, DROP COLUMN clicked_at, DROP COLUMN click_count;
DROP INDEX event_logs_tenant_id_subject_type_subject_id_created_at_id_idx;
CREATE INDEX event_logs_tenant_id_subject_type_subject_id_created_at_idx ON event_logs (tenant_id, subject_type, subject_id, created_at);
DROP INDEX event_logs_tenant_id_type_created_at_id_idx;
DROP INDEX event_logs_tenant_id_actor_id_created_at_id_idx;
DROP INDEX event_logs_tenant_id_created_at_id_idx;
CREATE INDEX event_logs_tenant_id_created_at_idx ON event_logs (tenant_id, created_at DESC);
SET LOCAL ROLE herald_system;
UPDATE event_logs SET data = data || jsonb_build_object('actor', jsonb_build_object('kind', actor_type, 'id', actor_id))
 WHERE actor_type IN ('user', 'apiKey');
RESET ROLE;
ALTER TABLE event_logs DROP CONSTRAINT event_logs_actor_check, DROP COLUMN actor_id, DROP COLUMN actor_type;
