import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

/**
 * A tenant's realtime events after `afterSeq`, in order, and how far its log was pruned (`prunedThroughSeq`: any
 * event numbered at or below it may be gone; 0 when nothing was). `seq` is taken at commit under the tenant's
 * counter lock (see the inbox migration), so every event numbered below one that is visible is visible too:
 * reading "after N" can never skip an event that commits later. Both are read in one snapshot (REPEATABLE READ),
 * so a pruning that commits meanwhile cannot remove events from the answer without raising the mark in it: a
 * reader whose position is below the mark knows it may have missed events, one above it knows it did not.
 */
export async function readRealtimeEventsAfter(db: TenantDb, afterSeq: bigint, limit: number) {
  const [events, counter] = await db.$transaction(
    [
      db.realtimeEvent.findMany({
        where: { seq: { gt: afterSeq } },
        orderBy: { seq: 'asc' },
        take: limit,
        select: { seq: true, type: true, threadId: true, data: true, createdAt: true },
      }),
      db.realtimeEventCounter.findFirst({ select: { prunedThroughSeq: true } }),
    ],
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  return { events, prunedThroughSeq: counter?.prunedThroughSeq ?? 0n };
}

/** The newest event's number (0 when the tenant has none): where a stream without Last-Event-ID starts. */
export async function latestRealtimeSeq(db: TenantDb): Promise<bigint> {
  const counter = await db.realtimeEventCounter.findFirst({ select: { lastSeq: true } });
  return counter?.lastSeq ?? 0n;
}
