import type { TenantDb } from '../../tenant-scope';

/**
 * A tenant's realtime events after `afterSeq`, in order. `seq` is taken at commit under the tenant's counter
 * lock (see the inbox migration), so every event numbered below one that is visible is visible too: reading
 * "after N" can never skip an event that commits later.
 */
export function listRealtimeEventsAfter(db: TenantDb, afterSeq: bigint, limit: number) {
  return db.realtimeEvent.findMany({
    where: { seq: { gt: afterSeq } },
    orderBy: { seq: 'asc' },
    take: limit,
    select: { seq: true, type: true, threadId: true, data: true, createdAt: true },
  });
}

/** The newest event's number (0 when the tenant has none): where a stream without Last-Event-ID starts. */
export async function latestRealtimeSeq(db: TenantDb): Promise<bigint> {
  const counter = await db.realtimeEventCounter.findFirst({ select: { lastSeq: true } });
  return counter?.lastSeq ?? 0n;
}
