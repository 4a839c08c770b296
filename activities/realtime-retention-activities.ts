import type { Logger } from 'pino';
import type { SystemPrisma } from '../prisma/client';
import { pruneRealtimeEvents } from '../prisma/queries/realtime-events/prune-realtime-events';

/** How long the realtime event log keeps events, and how many one transaction of the pruning deletes. */
export interface RealtimeRetention {
  days: number;
  batchSize: number;
}

export const DEFAULT_REALTIME_RETENTION: RealtimeRetention = { days: 7, batchSize: 1000 };

export interface PruneBatchResult {
  deleted: number;
  /** Events written before this were the ones to go. */
  olderThan: string;
  /** The batch was full: there may be more to delete. */
  more: boolean;
}

export function createRealtimeRetentionActivities({
  systemPrisma,
  logger,
  realtimeRetention = DEFAULT_REALTIME_RETENTION,
}: {
  systemPrisma: SystemPrisma;
  logger: Logger;
  realtimeRetention?: RealtimeRetention | undefined;
}) {
  return {
    /**
     * One batch of the realtime log's pruning: events older than the retention, every tenant's (the system
     * client: the log is one table for all tenants, and the pruning is not any tenant's request).
     */
    async pruneRealtimeEventsBatch(): Promise<PruneBatchResult> {
      const olderThan = new Date(Date.now() - realtimeRetention.days * 86_400_000);
      const deleted = await pruneRealtimeEvents(systemPrisma, olderThan, realtimeRetention.batchSize);
      if (deleted > 0) logger.info({ deleted, olderThan }, 'pruned %d realtime events', deleted);
      return { deleted, olderThan: olderThan.toISOString(), more: deleted === realtimeRetention.batchSize };
    },
  };
}
