import { formatClock, nextSendTime, type QuietHours } from './quiet-hours';
import { localMoment } from './run-summaries';
import type { WaitUnit } from './sequence-schedule';

/**
 * Why an outbound message went out (or will go out) when it did, worked out from what its row records — when
 * it was due (scheduled_at, else created_at), the pace slot it reserved (send_slot_at), when the provider took
 * it (sent_at) — and the sending rules: quiet hours in the contact's zone (else the tenant's), and for a
 * sequence step its wait. Pure, so the inbox can say it for every bubble without asking Temporal.
 */
export interface SendTimingInput {
  origin: string | null;
  status: string;
  scheduledAt: Date | null;
  sentAt: Date | null;
  sendSlotAt: Date | null;
  createdAt: Date;
  quietHours: QuietHours | null;
  contactTimeZone: string | null;
  tenantTimeZone: string;
  /** A sequence step: its place and its wait after the previous step. */
  step?: { position: number; waitAmount: number; waitUnit: WaitUnit } | null;
}

export type SendTimingKind = 'immediate' | 'scheduled' | 'quiet-hours' | 'paced' | 'sequence-wait' | 'business-days' | 'compliance';

export interface SendTiming {
  kind: SendTimingKind;
  text: string;
}

/** A slot this much after the due time means the tenant's pace held the message back. */
const PACED_AFTER_MS = 1000;
/** The provider takes a message a little after quiet hours end (worker latency, pacing). */
const QUIET_END_SLACK_MS = 60_000;

const UNIT_WORDS: Record<WaitUnit, [string, string]> = {
  minutes: ['minute', 'minutes'],
  hours: ['hour', 'hours'],
  days: ['day', 'days'],
  business_days: ['business day', 'business days'],
};

function stepWords(step: NonNullable<SendTimingInput['step']>): string {
  const [one, many] = UNIT_WORDS[step.waitUnit];
  const wait = step.waitAmount === 0 ? 'right after enrolling or the previous step' : `${step.waitAmount} ${step.waitAmount === 1 ? one : many} after the previous step`;
  const skip = step.waitUnit === 'business_days' ? ' (non-business days skipped)' : '';
  return `Sequence step ${step.position + 1}: ${wait}${skip}`;
}

export function explainSendTiming(input: SendTimingInput): SendTiming | null {
  const zone = input.contactTimeZone || input.tenantTimeZone;
  const at = (d: Date) => localMoment(d, zone);
  if (input.origin === 'compliance') {
    return { kind: 'compliance', text: 'An automatic reply to the contact’s STOP, START or HELP: sent at once, quiet hours do not apply.' };
  }
  const due = input.scheduledAt ?? input.createdAt;
  const decision = nextSendTime(due, input.quietHours, input.contactTimeZone, input.tenantTimeZone);
  const quiet = input.quietHours ? `quiet hours (${formatClock(input.quietHours.startMinute)}–${formatClock(input.quietHours.endMinute)} ${zone})` : '';
  const stepKind: SendTimingKind = input.step?.waitUnit === 'business_days' ? 'business-days' : 'sequence-wait';

  if (input.sentAt) {
    if (decision.deferred && input.sentAt.getTime() >= decision.sendAt.getTime() - QUIET_END_SLACK_MS) {
      return { kind: 'quiet-hours', text: `Due ${at(due)}, inside ${quiet}: held until they ended and sent ${at(input.sentAt)}.` };
    }
    if (input.sendSlotAt && input.sendSlotAt.getTime() - due.getTime() > PACED_AFTER_MS) {
      return { kind: 'paced', text: `Due ${at(due)}, held back by the tenant’s send rate or daily cap: its turn came ${at(input.sendSlotAt)}.` };
    }
    if (input.step) return { kind: stepKind, text: `${stepWords(input.step)}; sent ${at(input.sentAt)}.` };
    if (input.scheduledAt) return { kind: 'scheduled', text: `Sent at its scheduled time, ${at(input.scheduledAt)}.` };
    return { kind: 'immediate', text: `Sent right away, ${at(input.sentAt)}.` };
  }
  if (input.status !== 'scheduled' && input.status !== 'queued' && input.status !== 'sending') return null;
  if (decision.deferred) {
    return { kind: 'quiet-hours', text: `Due ${at(due)}, inside ${quiet}: it will go ${at(decision.sendAt)}.` };
  }
  if (input.step) return { kind: stepKind, text: `${stepWords(input.step)}; due ${at(due)}.` };
  if (input.scheduledAt) return { kind: 'scheduled', text: `Scheduled for ${at(input.scheduledAt)}.` };
  return { kind: 'immediate', text: 'Going out now.' };
}
