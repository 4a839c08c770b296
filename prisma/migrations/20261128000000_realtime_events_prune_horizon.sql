-- migrate:up
-- The realtime event log is pruned (events older than the retention, by a Temporal Schedule: see
-- workflows/prune-realtime-events.ts). A stream resuming from an event that was pruned would miss the events
-- pruned after it, so the tenant's counter row records how far its log was pruned: every event numbered at or
-- below `pruned_through_seq` may be gone, every event above it is still there. The pruning raises it in the
-- transaction that deletes, so a reader that sees the mark sees the deletions and the other way round.
ALTER TABLE realtime_event_counters ADD COLUMN pruned_through_seq bigint NOT NULL DEFAULT 0;

-- migrate:down
ALTER TABLE realtime_event_counters DROP COLUMN pruned_through_seq;
