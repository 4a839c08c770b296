import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  executeChild,
  ParentClosePolicy,
  patched,
  setCurrentDetails,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { dbActivities } from './activity-proxies';
import type { EnrollmentPlan } from '../activities';
import type { Channel } from '../domain/channels';
import { ErrorCodes } from '../domain/errors';
import { nextSendTime } from '../domain/quiet-hours';
import { stepFireTime } from '../domain/sequence-schedule';
import { channelLabel, duration, localMoment, messageRunSummary } from '../domain/run-summaries';
import {
  cancelSignal,
  childOptions,
  contactRepliedSignal,
  holdSignal,
  enrollmentStateQuery,
  optOutSignal,
  pauseEnrollmentUpdate,
  resumeEnrollmentUpdate,
  scheduledMessageStart,
  stopEnrollmentUpdate,
  type EnrollmentCarry,
  type EnrollmentInput,
  type EnrollmentResult,
  type EnrollmentState,
  type EnrollmentStatus,
  type EnrollmentStopReason,
  type ScheduledMessageResult,
} from './definitions';
import { sendScheduledMessageWorkflow } from './scheduled-message';

const { startEnrollment, recordEnrollmentState, prepareSequenceStep, finishEnrollment, cancelPendingMessage, recordStepCancelled } = dbActivities;

/**
 * One contact going through one published sequence version: a durable timer per step, each step sent as a
 * child scheduled-message workflow (so it gets the same consent re-check, send ledger and exactly-once
 * send). Ends at once — also in the middle of a multi-day wait — on a reply (when the sequence stops on
 * reply), an opt-out on a channel the sequence uses, or a stop.
 *
 * Pause freezes the remaining wait: resuming after two days of a three-day wait sends one day later (then
 * moved out of the send window if needed), not at once.
 */
export async function sequenceEnrollmentWorkflow(input: EnrollmentInput): Promise<EnrollmentResult> {
  const ref = { tenantId: input.tenantId, enrollmentId: input.enrollmentId };
  const carry: EnrollmentCarry = input.carry ?? { nextStep: 0, anchor: new Date().toISOString(), pausedRemainingMs: null, sent: 0 };

  let plan: EnrollmentPlan | null = null;
  let step = carry.nextStep;
  let anchor = carry.anchor;
  let sent = carry.sent;
  let paused = carry.pausedRemainingMs !== null;
  let pausedRemainingMs: number | null = carry.pausedRemainingMs;
  /** When the current step fires; null while paused or sending. */
  let fireAtMs: number | null = null;
  let manualStop = false;
  // What the contact did travels across continue-as-new with everything else.
  let replied = carry.replied ?? false;
  const optedOut: Channel[] = [...(carry.optedOut ?? [])];
  let result: EnrollmentResult | null = null;

  const stopReason = (): EnrollmentStopReason | null => {
    if (manualStop) return 'manual';
    if (!plan) return null;
    if (optedOut.some((channel) => plan!.channels.includes(channel))) return 'opted_out';
    if (replied && plan.stopOnReply) return 'replied';
    return null;
  };
  const status = (): EnrollmentStatus => result?.status ?? (paused ? 'paused' : 'active');
  const state = (): EnrollmentState => ({
    enrollmentId: input.enrollmentId,
    status: status(),
    currentStep: step,
    stepCount: plan?.steps.length ?? 0,
    nextSendAt: fireAtMs !== null ? new Date(fireAtMs).toISOString() : null,
    pausedRemainingMs,
    sent,
    stopReason: result?.stopReason ?? null,
    replied,
  });
  /** A step's message is on its way (started, not yet sent). */
  let inFlight = false;
  const STOP_LABELS: Record<EnrollmentStopReason, string> = {
    replied: 'the contact replied',
    opted_out: 'the contact opted out',
    manual: 'stopped by hand',
    missing_channel: 'the contact lacks a step’s channel',
    send_failed: 'a step could not be sent',
    sequence_empty: 'the sequence has no steps',
  };
  /** What Temporal Web shows as this run's current details. */
  const details = (): string => {
    if (!plan) return 'Starting';
    const n = plan.steps.length;
    const at = `step ${Math.min(step + 1, n)} of ${n}`;
    if (result) {
      if (result.status === 'completed') return `Completed: ${sent} sent`;
      return `${result.status === 'failed' ? 'Failed' : 'Stopped'} at ${at} (${result.stopReason ? STOP_LABELS[result.stopReason] : 'ended'}); ${sent} sent`;
    }
    const current = plan.steps[step];
    const label = current ? ` (${channelLabel(current.channel)})` : '';
    if (paused) {
      return `Paused at ${at}${pausedRemainingMs !== null ? ` with ${duration(pausedRemainingMs)} of its wait left` : ': its message is held'}; ${sent} sent`;
    }
    if (inFlight) return `Step ${step + 1} of ${n}${label}: its message is on its way (see its own run); ${sent} sent`;
    if (fireAtMs !== null) return `Step ${step + 1} of ${n}${label} due ${localMoment(fireAtMs, plan.timeZone)}; ${sent} sent`;
    return `Step ${step + 1} of ${n}${label}; ${sent} sent`;
  };
  const persist = () => {
    setCurrentDetails(details());
    return recordEnrollmentState({ ...ref, status: paused ? 'paused' : 'active', currentStep: step, nextSendAt: fireAtMs !== null ? new Date(fireAtMs).toISOString() : null });
  };
  /** A resumed wait still lands inside the send window. */
  const windowed = (ms: number): number =>
    plan ? nextSendTime(new Date(ms), plan.quietHours, plan.timeZone, plan.timeZone).sendAt.getTime() : ms;

  setHandler(contactRepliedSignal, () => {
    replied = true;
  });
  setHandler(optOutSignal, ({ channel }) => {
    optedOut.push(channel);
  });
  setHandler(enrollmentStateQuery, state);
  setHandler(
    pauseEnrollmentUpdate,
    async () => {
      paused = true;
      if (fireAtMs !== null) pausedRemainingMs = Math.max(0, fireAtMs - Date.now());
      fireAtMs = null;
      await persist();
      return state();
    },
    {
      validator: () => {
        if (result || stopReason()) throw ApplicationFailure.nonRetryable('The enrollment has ended.', ErrorCodes.CONFLICT);
        if (paused) throw ApplicationFailure.nonRetryable('The enrollment is already paused.', ErrorCodes.CONFLICT);
      },
    },
  );
  setHandler(
    resumeEnrollmentUpdate,
    async () => {
      paused = false;
      if (pausedRemainingMs !== null) {
        fireAtMs = windowed(Date.now() + pausedRemainingMs);
        pausedRemainingMs = null;
      }
      await persist();
      return state();
    },
    {
      validator: () => {
        if (result || stopReason()) throw ApplicationFailure.nonRetryable('The enrollment has ended.', ErrorCodes.CONFLICT);
        if (!paused) throw ApplicationFailure.nonRetryable('The enrollment is not paused.', ErrorCodes.CONFLICT);
      },
    },
  );
  setHandler(
    stopEnrollmentUpdate,
    async (_stop) => {
      manualStop = true;
      await condition(() => result !== null);
      return state();
    },
    {
      validator: (_stop) => {
        if (result) throw ApplicationFailure.nonRetryable('The enrollment has already ended.', ErrorCodes.CONFLICT);
      },
    },
  );

  const finish = async (value: EnrollmentResult): Promise<EnrollmentResult> => {
    fireAtMs = null;
    pausedRemainingMs = null;
    await finishEnrollment({ ...ref, status: value.status, stopReason: value.stopReason, currentStep: step });
    result = value;
    inFlight = false;
    setCurrentDetails(details());
    // Let a pending stop update return its answer before the run closes.
    await condition(allHandlersFinished);
    return value;
  };
  const stopped = (reason: EnrollmentStopReason) => finish({ status: 'stopped', stopReason: reason, sent });

  /**
   * Sends one step as a child message workflow and follows it while it is in flight (waiting out quiet hours
   * or a send limit): a stop, reply or opt-out cancels it and ends the enrollment at once — the stop call does
   * not wait for the message — and a pause holds it until resumed. The child is abandoned rather than
   * terminated when the enrollment ends, so a send already under way settles its own row.
   */
  const sendStep = async (childInput: Parameters<typeof scheduledMessageStart>[0], staticSummary: string): Promise<ScheduledMessageResult | 'stopped'> => {
    const child = await startChild(sendScheduledMessageWorkflow, {
      ...childOptions(scheduledMessageStart(childInput, { derived: true, staticSummary })),
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    inFlight = true;
    setCurrentDetails(details());
    let outcome: ScheduledMessageResult | null = null;
    void child.result().then(
      (value) => (outcome = value),
      () => (outcome = { outcome: 'failed', errorCode: ErrorCodes.SEND_RETRIES_EXHAUSTED }),
    );
    let holding = false;
    const tell = (signal: () => Promise<void>) => signal().catch(() => undefined); // it may have ended meanwhile
    for (;;) {
      await condition(() => outcome !== null || stopReason() !== null || paused !== holding);
      if (outcome) return outcome;
      const reason = stopReason();
      if (reason) {
        const why = `enrollment:${reason}`;
        await cancelPendingMessage({ tenantId: input.tenantId, messageId: childInput.messageId, reason: why });
        await tell(() => child.signal(cancelSignal, { reason: why }));
        return 'stopped';
      }
      holding = paused;
      await tell(() => child.signal(holdSignal, { held: holding }));
    }
  };

  plan = await startEnrollment({
    ...ref,
    sequenceId: input.sequenceId,
    versionId: input.versionId,
    contactId: input.contactId,
    workflowId: workflowInfo().workflowId,
    bulkEnrollmentId: input.bulkEnrollmentId ?? null,
  });

  while (step < plan.steps.length) {
    const current = plan.steps[step]!;
    const planned = stepFireTime(new Date(anchor), current, { timeZone: plan.timeZone, quietHours: plan.quietHours, businessDays: plan.businessDays }).at.getTime();
    if (paused) pausedRemainingMs ??= Math.max(0, planned - Date.now());
    else fireAtMs ??= planned;
    await persist();

    // Wait for the step: a stop or reply ends the wait at once; a pause freezes it until resumed.
    for (;;) {
      const reason = stopReason();
      if (reason) return stopped(reason);
      if (paused) {
        await condition(() => !paused || stopReason() !== null);
        continue;
      }
      const waitMs = (fireAtMs ?? Date.now()) - Date.now();
      if (waitMs <= 0) break;
      setCurrentDetails(details());
      await condition(() => paused || stopReason() !== null, waitMs, {
        summary: `step ${step + 1} of ${plan.steps.length} due ${localMoment(fireAtMs!, plan.timeZone)}`,
      });
    }
    fireAtMs = null;

    const prepared = await prepareSequenceStep({ ...ref, versionId: input.versionId, contactId: input.contactId, position: current.position });
    const reason = stopReason();
    if (reason) return stopped(reason);
    if (prepared.kind === 'opted_out') return stopped('opted_out');
    if (prepared.kind === 'invalid') return finish({ status: 'failed', stopReason: 'send_failed', sent });
    if (prepared.kind === 'missing_channel') {
      if (plan.missingChannel === 'stop') return stopped('missing_channel');
    } else {
      const childInput = {
        tenantId: input.tenantId,
        messageId: prepared.messageId,
        contactId: input.contactId,
        scheduledAt: null,
        // Following the tenant's window: the message reads it when it is due, so a change reaches it.
        ...(plan.followsTenantWindow ? {} : { quietHours: plan.quietHours }),
        timeZone: plan.timeZone,
      };
      let outcome: ScheduledMessageResult;
      if (patched('step-in-flight-follows-enrollment')) {
        const summary = messageRunSummary(current.channel, { kind: 'step', position: current.position, stepCount: plan.steps.length, sequence: plan.sequence });
        const sending = await sendStep(childInput, summary);
        inFlight = false;
        if (sending === 'stopped') return stopped(stopReason()!);
        outcome = sending;
      } else {
        outcome = await executeChild(sendScheduledMessageWorkflow, childOptions(scheduledMessageStart(childInput, { derived: true })));
      }
      const manuallyCancelled = outcome.outcome === 'cancelled' && outcome.errorCode !== ErrorCodes.CONSENT_REVOKED;
      if (outcome.outcome === 'sent') sent++;
      else if (manuallyCancelled && patched('cancelled-step-is-skipped')) {
        // A person cancelled this one message: the step is skipped, the contact did not opt out.
        await recordStepCancelled({ ...ref, position: current.position, messageId: prepared.messageId });
      } else if (outcome.outcome === 'cancelled') return stopped('opted_out');
      else return finish({ status: 'failed', stopReason: 'send_failed', sent });
    }
    step++;
    anchor = new Date().toISOString();

    const threshold = input.continueAsNewAfterEvents;
    const tooLong = threshold !== undefined ? workflowInfo().historyLength >= threshold : workflowInfo().continueAsNewSuggested;
    if (step < plan.steps.length && tooLong && !paused && !stopReason()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof sequenceEnrollmentWorkflow>({
        ...input,
        carry: { nextStep: step, anchor, pausedRemainingMs: paused ? (pausedRemainingMs ?? null) : null, sent, replied, optedOut: [...optedOut] },
      });
    }
  }
  return finish({ status: 'completed', stopReason: null, sent });
}
