import type { SystemPrisma } from '../../client';

/**
 * Deletes at most `limit` realtime events written before `olderThan`, across every tenant, and raises each
 * affected tenant's pruning mark (`realtime_event_counters.pruned_through_seq`) to the highest number it
 * deleted — in one statement, so one transaction: the mark and the deletions become visible together (the
 * stream's gap check relies on it, see readRealtimeEventsAfter). A batch is short, so no run of the pruning
 * holds locks for long; SKIP LOCKED lets two runs share the work. Counter rows are locked in tenant order,
 * so two prunings never wait on each other in a cycle. Returns how many events it deleted.
 *
 * Cross-tenant by design (one log, every tenant's old events), hence the system client.
 */
export async function pruneRealtimeEvents(prisma: SystemPrisma, olderThan: Date, limit: number): Promise<number> {
  const [row] = await prisma.$queryRaw<Array<{ deleted: number }>>`
    WITH doomed AS (
      SELECT id FROM realtime_events
       WHERE created_at < ${olderThan}
       ORDER BY created_at
       LIMIT ${limit}
         FOR UPDATE SKIP LOCKED
    ), deleted AS (
      DELETE FROM realtime_events e USING doomed d WHERE e.id = d.id
      RETURNING e.tenant_id, e.seq
    ), horizon AS (
      SELECT c.tenant_id, h.seq
        FROM (SELECT tenant_id, max(seq) AS seq FROM deleted GROUP BY tenant_id) h
        JOIN realtime_event_counters c ON c.tenant_id = h.tenant_id
       ORDER BY c.tenant_id
         FOR UPDATE OF c
    ), marked AS (
      UPDATE realtime_event_counters c SET pruned_through_seq = GREATEST(c.pruned_through_seq, h.seq)
        FROM horizon h WHERE c.tenant_id = h.tenant_id
    )
    SELECT count(*)::int AS deleted FROM deleted`;
  return row?.deleted ?? 0;
}
