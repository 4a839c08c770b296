import { ActivityFailure, ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { dbActivities, sendActivities } from './activity-proxies';
import { ErrorCodes } from '../domain/errors';
import { nextSendTime } from '../domain/quiet-hours';
import {
  cancelSignal,
  holdSignal,
  optOutSignal,
  recheckSignal,
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
 * send. Cancel and reschedule arrive as signals after the API (or a parent workflow) has changed the row; the
 * row is the arbiter. A parent may hold the message (a paused enrollment) — it then waits, sending nothing,
 * until released — and the tenant's settings changing makes a message deferred by quiet hours look again.
 */
export async function sendScheduledMessageWorkflow(input: ScheduledMessageInput): Promise<ScheduledMessageResult> {
  const ref = { tenantId: input.tenantId, messageId: input.messageId };
  let scheduledAt = input.scheduledAt;
  let deferredUntil: string | null = null;
  /** Over the tenant's send rate or daily cap: the slot it reserved. */
  let throttledUntil: string | null = null;
  let state: ScheduledMessageState = 'waiting';
  let cancelled = false;
  let cancelReason: string | null = null;
  let held = false;
  let changes = 0;
  let result: ScheduledMessageResult | null = null;

  setHandler(cancelSignal, ({ reason }) => {
    cancelled = true;
    cancelReason ??= reason ?? null;
  });
  setHandler(holdSignal, ({ held: hold }) => {
    held = hold;
    // Released: quiet hours are looked at afresh, the window may have moved while it was held.
    if (!hold) deferredUntil = null;
    changes++;
  });
  setHandler(recheckSignal, () => {
    deferredUntil = null;
    changes++;
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
    throttledUntil = null;
    changes++;
  });
  const wakeAt = (): string | null => throttledUntil ?? deferredUntil ?? scheduledAt;
  setHandler(statusQuery, () => ({ state: held && !result ? 'held' : state, scheduledAt, wakeAt: held ? null : wakeAt(), outcome: result?.outcome ?? null }));

  const finish = (value: ScheduledMessageResult): ScheduledMessageResult => {
    state = 'done';
    result = { ...value, at: new Date().toISOString() };
    return result;
  };

  const cancelledResult = (): ScheduledMessageResult => finish({ outcome: 'cancelled', ...(cancelReason ? { cancelReason } : {}) });

  for (;;) {
    const seen = changes;
    if (held) {
      await condition(() => cancelled || changes !== seen);
    } else {
      const due = wakeAt();
      const waitMs = due ? Date.parse(due) - Date.now() : 0;
      if (waitMs > 0) await condition(() => cancelled || changes !== seen, waitMs);
    }
    if (cancelled) return cancelledResult();
    if (optOutPending) {
      optOutPending = false;
      const latest = await getSendContext(ref);
      if (latest.consent === 'revoked' && !input.complianceReply) {
        await cancelForOptOut(ref);
        return finish({ outcome: 'cancelled', errorCode: ErrorCodes.CONSENT_REVOKED });
      }
    }
    if (changes !== seen || held) continue;

    const context = await getSendContext(ref);
    if (context.status === 'cancelled') return cancelledResult();
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
      throttledUntil = null; // a slot that fell in quiet hours is stale by morning; it reserves again then
      continue;
    }

    state = 'sending';
    try {
      const outcome = await sendMessage({
        ...ref,
        expectedScheduledAt: scheduledAt,
        complianceReply: input.complianceReply ?? false,
        at: new Date().toISOString(),
      });
      if (outcome.outcome === 'throttled') {
        // Waits for its slot, then looks at everything again (the slot may fall in quiet hours).
        state = 'throttled';
        throttledUntil = outcome.until;
        continue;
      }
      throttledUntil = null;
      if (outcome.outcome === 'rescheduled') {
        scheduledAt = outcome.scheduledAt;
        deferredUntil = null;
        state = 'waiting';
        continue;
      }
      if (outcome.outcome === 'sent') return finish({ outcome: 'sent', providerMessageId: outcome.providerMessageId });
      if (outcome.outcome === 'failed') return finish({ outcome: 'failed', errorCode: outcome.errorCode });
      return cancelledResult();
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

