import { ActivityFailure, ApplicationFailure, condition, setCurrentDetails, setHandler } from '@temporalio/workflow';
import { dbActivities, sendMessageNamed } from './activity-proxies';
import { ErrorCodes } from '../domain/errors';
import { formatClock, nextSendTime, type QuietHours } from '../domain/quiet-hours';
import { localMoment, providerLabel } from '../domain/run-summaries';
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

  // What Temporal Web shows: the zone its times read in, and who sends it, once known.
  let zone = input.timeZone ?? 'UTC';
  let provider: string | null = null;
  let quietWindow: QuietHours | null = null;
  const details = (): string => {
    if (result) {
      if (result.outcome === 'sent') return `Sent via ${providerLabel(provider ?? 'the provider')} at ${localMoment(result.at!, zone)}`;
      if (result.outcome === 'failed') return `Failed (${result.errorCode ?? 'unknown'})`;
      if (result.errorCode === ErrorCodes.CONSENT_REVOKED) return 'Cancelled: the contact opted out of this channel';
      return `Cancelled${result.cancelReason ? ` (${result.cancelReason})` : ''}`;
    }
    if (held) return 'Held: its enrollment is paused; nothing is sent until it resumes';
    if (state === 'throttled' && throttledUntil) return `Throttled by the tenant's send rate or daily cap: its turn comes at ${localMoment(throttledUntil, zone)}`;
    if (state === 'quiet-hours' && deferredUntil && quietWindow) {
      return `Quiet hours (${formatClock(quietWindow.startMinute)}–${formatClock(quietWindow.endMinute)} ${zone}): waiting until ${localMoment(deferredUntil, zone)}`;
    }
    if (state === 'sending') return `Sending via ${providerLabel(provider ?? 'the provider')}`;
    if (scheduledAt && Date.parse(scheduledAt) > Date.now()) return `Waiting until ${localMoment(scheduledAt, zone)}: its scheduled time`;
    return 'Due now';
  };
  const timerSummary = (): string => {
    const at = wakeAt()!;
    if (throttledUntil) return `send slot at ${localMoment(at, zone)}`;
    if (deferredUntil) return `quiet hours end ${localMoment(at, zone)}`;
    return `due ${localMoment(at, zone)}`;
  };

  const finish = (value: ScheduledMessageResult): ScheduledMessageResult => {
    state = 'done';
    result = { ...value, at: new Date().toISOString() };
    setCurrentDetails(details());
    return result;
  };

  const cancelledResult = (): ScheduledMessageResult => finish({ outcome: 'cancelled', ...(cancelReason ? { cancelReason } : {}) });

  for (;;) {
    const seen = changes;
    setCurrentDetails(details());
    if (held) {
      await condition(() => cancelled || changes !== seen);
    } else {
      const due = wakeAt();
      const waitMs = due ? Date.parse(due) - Date.now() : 0;
      if (waitMs > 0) await condition(() => cancelled || changes !== seen, waitMs, { summary: timerSummary() });
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
    zone = context.contactTimeZone || context.tenantTimeZone;
    provider = context.provider;
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
    quietWindow = input.quietHours !== undefined ? input.quietHours : context.quietHours;
    const decision = input.complianceReply ? { deferred: false, sendAt: new Date() } : nextSendTime(new Date(), quietWindow, context.contactTimeZone, context.tenantTimeZone);
    if (decision.deferred) {
      state = 'quiet-hours';
      deferredUntil = decision.sendAt.toISOString();
      throttledUntil = null; // a slot that fell in quiet hours is stale by morning; it reserves again then
      continue;
    }

    state = 'sending';
    setCurrentDetails(details());
    try {
      const outcome = await sendMessageNamed(`send via ${providerLabel(context.provider)}`, {
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

