import { ActivityFailure, ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { dbActivities, sendActivities } from './activity-proxies';
import { ErrorCodes } from '../domain/errors';
import { nextSendTime } from '../domain/quiet-hours';
import {
  cancelSignal,
  optOutSignal,
  rescheduleSignal,
  statusQuery,
  type ScheduledMessageInput,
  type ScheduledMessageResult,
  type ScheduledMessageState,
} from './definitions';

const { getSendContext, recordSendFailure, cancelForOptOut } = dbActivities;
const { sendMessage } = sendActivities;

/**
 * One scheduled ("send later") message: a durable timer until it is due, then quiet hours, then exactly one
 * send. Cancel and reschedule arrive as signals after the API has changed the row; the row is the arbiter.
 */
export async function sendScheduledMessageWorkflow(input: ScheduledMessageInput): Promise<ScheduledMessageResult> {
  const ref = { tenantId: input.tenantId, messageId: input.messageId };
  let scheduledAt = input.scheduledAt;
  let deferredUntil: string | null = null;
  let state: ScheduledMessageState = 'waiting';
  let cancelled = false;
  let changes = 0;
  let result: ScheduledMessageResult | null = null;

  setHandler(cancelSignal, () => {
    cancelled = true;
  });
  // An opt-out wakes the workflow to re-read consent; the database, already updated, decides.
  let optOutPending = false;
  setHandler(optOutSignal, () => {
    optOutPending = true;
    changes++;
  });
  setHandler(rescheduleSignal, ({ scheduledAt: next }) => {
    scheduledAt = next;
    deferredUntil = null;
    changes++;
  });
  const wakeAt = (): string | null => deferredUntil ?? scheduledAt;
  setHandler(statusQuery, () => ({ state, scheduledAt, wakeAt: wakeAt(), outcome: result?.outcome ?? null }));

  const finish = (value: ScheduledMessageResult): ScheduledMessageResult => {
    state = 'done';
    result = { ...value, at: new Date().toISOString() };
    return result;
  };

  for (;;) {
    const seen = changes;
    const due = wakeAt();
    const waitMs = due ? Date.parse(due) - Date.now() : 0;
    if (waitMs > 0) await condition(() => cancelled || changes !== seen, waitMs);
    if (cancelled) return finish({ outcome: 'cancelled' });
    if (optOutPending) {
      optOutPending = false;
      const latest = await getSendContext(ref);
      if (latest.consent === 'revoked' && !input.complianceReply) {
        await cancelForOptOut(ref);
        return finish({ outcome: 'cancelled', errorCode: ErrorCodes.CONSENT_REVOKED });
      }
    }
    if (changes !== seen) continue;

    const context = await getSendContext(ref);
    if (context.status === 'cancelled') return finish({ outcome: 'cancelled' });
    if (context.status !== 'scheduled' && context.status !== 'queued' && context.status !== 'sending') {
      // Already decided (a previous run of this workflow id, or an operator): nothing left to do.
      return finish({ outcome: context.status === 'failed' ? 'failed' : 'sent' });
    }
    if (context.scheduledAt !== scheduledAt) {
      // A reschedule whose signal has not arrived (or never will): the row wins.
      scheduledAt = context.scheduledAt;
      deferredUntil = null;
      continue;
    }
    const decision = input.complianceReply
      ? { deferred: false, sendAt: new Date() }
      : nextSendTime(new Date(), input.quietHours !== undefined ? input.quietHours : context.quietHours, context.contactTimeZone, context.tenantTimeZone);
    if (decision.deferred) {
      state = 'quiet-hours';
      deferredUntil = decision.sendAt.toISOString();
      continue;
    }

    state = 'sending';
    try {
      const outcome = await sendMessage({ ...ref, expectedScheduledAt: scheduledAt, complianceReply: input.complianceReply ?? false });
      if (outcome.outcome === 'rescheduled') {
        scheduledAt = outcome.scheduledAt;
        deferredUntil = null;
        state = 'waiting';
        continue;
      }
      if (outcome.outcome === 'sent') return finish({ outcome: 'sent', providerMessageId: outcome.providerMessageId });
      if (outcome.outcome === 'failed') return finish({ outcome: 'failed', errorCode: outcome.errorCode });
      return finish({ outcome: 'cancelled' });
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      const cause = error.cause instanceof ApplicationFailure ? error.cause : null;
      const errorCode = cause?.type === ErrorCodes.NOT_FOUND ? ErrorCodes.NOT_FOUND : ErrorCodes.SEND_RETRIES_EXHAUSTED;
      const errorMessage = `Sending failed after repeated attempts: ${cause?.message ?? error.message}`;
      if (errorCode !== ErrorCodes.NOT_FOUND) await recordSendFailure({ ...ref, errorCode, errorMessage });
      return finish({ outcome: 'failed', errorCode });
    }
  }
}

