import { setCurrentDetails } from '@temporalio/workflow';
import { dbActivities } from './activity-proxies';
import type { PruneRealtimeEventsResult } from './definitions';

const { pruneRealtimeEventsBatch } = dbActivities;

/** Batches per run: a large backlog (a first run on an old database) is finished by the schedule's next runs. */
export const MAX_PRUNE_BATCHES_PER_RUN = 500;

/**
 * Deletes realtime events older than the retention, one bounded batch (one short transaction) per activity, so
 * the API's streams and the triggers that write events never wait long behind it. Started by a Temporal Schedule
 * the worker creates (worker/realtime-prune-schedule.ts), never by hand-made timers.
 */
export async function pruneRealtimeEventsWorkflow(): Promise<PruneRealtimeEventsResult> {
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const batch = await pruneRealtimeEventsBatch();
    deleted += batch.deleted;
    batches++;
    setCurrentDetails(`Deleted ${deleted} realtime event(s) written before ${batch.olderThan}, in ${batches} batch(es)`);
    if (!batch.more || batches >= MAX_PRUNE_BATCHES_PER_RUN) return { deleted, batches, olderThan: batch.olderThan, finished: !batch.more };
  }
}
