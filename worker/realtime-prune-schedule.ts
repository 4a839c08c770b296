import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { realtimePruneScheduleId } from '../domain/derived-ids';
import type { pruneRealtimeEventsWorkflow } from '../workflows/prune-realtime-events';

/** How often the realtime event log is pruned: events live from the retention to the retention plus this. */
export const REALTIME_PRUNE_EVERY = '1 hour';

/** Matched by name, like every error that crosses the SDK's module boundaries. */
const isScheduleAlreadyRunning = (error: unknown) => (error as Error | undefined)?.name === 'ScheduleAlreadyRunning';

/**
 * Makes sure the Temporal Schedule that prunes the realtime event log exists — Temporal's scheduler, not a timer
 * of ours: it survives restarts, runs once however many workers start it, and shows in Temporal Web. Every
 * worker calls this at start-up; the first creates the schedule and the others find it (an existing schedule
 * is left as it is: the retention is the activity's setting, not the schedule's, so nothing in it goes stale).
 * SKIP: a run still deleting a large backlog when the next is due is not joined by a second one.
 */
export async function ensureRealtimePruneSchedule(
  client: Pick<Client, 'schedule'>,
  taskQueue: string,
  logger: Logger,
): Promise<'created' | 'exists'> {
  const scheduleId = realtimePruneScheduleId(taskQueue);
  try {
    await client.schedule.create<typeof pruneRealtimeEventsWorkflow>({
      scheduleId,
      spec: { intervals: [{ every: REALTIME_PRUNE_EVERY }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'pruneRealtimeEventsWorkflow',
        workflowId: scheduleId,
        taskQueue,
        args: [],
        staticSummary: 'Prune the realtime event log (events older than the retention)',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: REALTIME_PRUNE_EVERY },
      state: { note: 'Created by the Herald worker; it deletes realtime events older than HERALD_REALTIME_RETENTION_DAYS' },
    });
    logger.info({ scheduleId }, 'created the realtime pruning schedule');
    return 'created';
  } catch (error) {
    if (isScheduleAlreadyRunning(error)) return 'exists';
    throw error;
  }
}
