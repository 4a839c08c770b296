/**
 * Every workflow reaches its activities through these proxies, one per timeout profile, so a retry policy
 * is decided once. Permanent failures need no list here: activities raise them as non-retryable
 * (activities/temporal-failures.ts), whatever their code.
 */
import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../activities';

/** Database reads and writes: quick, and worth retrying until Postgres is back. */
const DB_PROFILE: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
};

/** Pages of a bulk operation: a larger read per call. */
const BATCH_PROFILE: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
};

/**
 * Provider calls: transient failures back off up to a few minutes; after 10 attempts the message is
 * recorded as failed rather than left pending for ever. The send heartbeats while it calls out, so a worker
 * that stalls loses the send after the heartbeat timeout (and the send ledger's fence keeps it from calling
 * out late), not after the whole start-to-close timeout.
 */
const SEND_PROFILE: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes', backoffCoefficient: 2, maximumAttempts: 10 },
};

export const dbActivities = proxyActivities<Activities>(DB_PROFILE);
export const batchActivities = proxyActivities<Activities>(BATCH_PROFILE);
export const sendActivities = proxyActivities<Activities>(SEND_PROFILE);

/** The send activity under its profile, with a one-line summary Temporal Web shows on the call ("send via Twilio"). */
export function sendMessageNamed(summary: string, args: Parameters<Activities['sendMessage']>[0]) {
  return sendActivities.sendMessage.executeWithOptions({ ...SEND_PROFILE, summary }, [args]);
}
