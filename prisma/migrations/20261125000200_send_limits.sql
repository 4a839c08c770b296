-- migrate:up
-- Limits that protect people and the tenant's provider accounts. Every automated message reserves a slot in
-- its tenant's pace (a send rate with a burst) and counts against a daily cap; a message over the limit
-- waits for its slot instead of failing. Compliance replies (STOP/START/HELP confirmations) are exempt but
-- bounded per contact and day. Ingest tokens get a request rate.
ALTER TABLE tenants
  ADD COLUMN send_rate_per_minute integer NOT NULL DEFAULT 120 CHECK (send_rate_per_minute BETWEEN 1 AND 60000),
  ADD COLUMN send_burst integer NOT NULL DEFAULT 30 CHECK (send_burst BETWEEN 1 AND 10000),
  ADD COLUMN send_daily_cap integer NOT NULL DEFAULT 10000 CHECK (send_daily_cap BETWEEN 1 AND 10000000),
  ADD COLUMN compliance_replies_per_day integer NOT NULL DEFAULT 3 CHECK (compliance_replies_per_day BETWEEN 1 AND 100),
  ADD COLUMN ingest_rate_per_minute integer NOT NULL DEFAULT 60 CHECK (ingest_rate_per_minute BETWEEN 1 AND 60000);

-- The pace's state: one row per tenant, locked for the instant of a reservation.
CREATE TABLE send_pacing (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  tat       timestamptz(3) NOT NULL
);

-- Reservations per tenant-local day, against the daily cap.
CREATE TABLE send_day_counts (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  day       date NOT NULL,
  reserved  integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  PRIMARY KEY (tenant_id, day)
);

-- Each outbound message remembers its slot (a retried or replayed send reuses it) and where it came from.
ALTER TABLE messages
  ADD COLUMN send_slot_at timestamptz(3),
  ADD COLUMN origin text CHECK (origin IN ('api', 'sequence', 'quote', 'notification', 'compliance'));
CREATE INDEX messages_tenant_id_contact_id_origin_created_at_idx ON messages (tenant_id, contact_id, origin, created_at)
  WHERE origin = 'compliance';

-- migrate:down
DROP INDEX IF EXISTS messages_tenant_id_contact_id_origin_created_at_idx;
ALTER TABLE messages DROP COLUMN IF EXISTS origin, DROP COLUMN IF EXISTS send_slot_at;
DROP TABLE IF EXISTS send_day_counts;
DROP TABLE IF EXISTS send_pacing;
ALTER TABLE tenants
  DROP COLUMN IF EXISTS ingest_rate_per_minute,
  DROP COLUMN IF EXISTS compliance_replies_per_day,
  DROP COLUMN IF EXISTS send_daily_cap,
  DROP COLUMN IF EXISTS send_burst,
  DROP COLUMN IF EXISTS send_rate_per_minute;
