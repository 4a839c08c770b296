-- migrate:up transaction:false
-- The inbox sidebar's counts (all, mine, unassigned, unread over open threads that are not snoozed; see
-- countThreads in prisma/queries/threads/list-threads.ts) walk this index and stop at THREAD_COUNT_LIMIT rows.
-- Open threads only, by tenant and assignee (mine, unassigned), the snooze in the key ("not snoozed" is decided in
-- the index), and covering: last_inbound_at and id let "unread" compare with the member's read time without
-- visiting the table, so every count is an index-only scan of at most the limit's rows. Row-level security leaves
-- it usable: `status = 'open'` proves the predicate, and nothing non-leakproof has to run before the tenant policy.
-- CONCURRENTLY (hence no transaction): threads are written on every message, and building the index must not hold
-- those writes up on a large database.
CREATE INDEX CONCURRENTLY IF NOT EXISTS threads_open_tenant_id_assignee_id_snoozed_until_idx
  ON threads (tenant_id, assignee_id, snoozed_until) INCLUDE (last_inbound_at, id) WHERE status = 'open';

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS threads_open_tenant_id_assignee_id_snoozed_until_idx;
