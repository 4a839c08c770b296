/**
 * Every workflow reaches its activities through these proxies, one per timeout profile, so a retry policy
 * is decided once. Permanent failures need no list here: activities raise them as non-retryable
 * (activities/temporal-failures.ts), whatever their code.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** Database reads and writes: quick, and worth retrying until Postgres is back. */
export const dbActivities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Pages of a bulk operation: a larger read per call. */
export const batchActivities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * Provider calls: transient failures back off up to a few minutes; after 10 attempts the message is
 * recorded as failed rather than left pending for ever. The send heartbeats while it calls out, so a worker
 * that stalls loses the send after the heartbeat timeout (and the send ledger's fence keeps it from calling
 * out late), not after the whole start-to-close timeout.
 */
export const sendActivities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes', backoffCoefficient: 2, maximumAttempts: 10 },
});
