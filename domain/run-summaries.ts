import type { Channel } from './channels';
import { zonedTime } from './time-zone';

/**
 * What operators read in Temporal Web: a one-line summary per run for the list view, the run's current
 * details, and summaries on its timers and activities. Written here, from ids and settings only — never a
 * name, number, address or message text of a contact (Temporal's metadata is not encrypted).
 */

const CHANNEL_LABELS: Record<Channel, string> = { sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email' };
const PROVIDER_LABELS: Record<string, string> = { twilio: 'Twilio', resend: 'Resend', fake: 'the fake provider' };

export const channelLabel = (channel: Channel): string => CHANNEL_LABELS[channel];
export const providerLabel = (provider: string): string => PROVIDER_LABELS[provider] ?? provider;

/** Temporal caps a static summary at 200 bytes; sequence names are the tenant's own words and may be long. */
function fit(text: string, bytes = 200): string {
  if (new TextEncoder().encode(text).length <= bytes) return text;
  let cut = text;
  while (new TextEncoder().encode(`${cut}…`).length > bytes) cut = cut.slice(0, -1);
  return `${cut}…`;
}

export interface SequenceLabel {
  name: string;
  version: number;
}

const sequenceLabel = (s: SequenceLabel) => `${s.name} v${s.version}`;

export type MessageOrigin =
  | { kind: 'api'; scheduled: boolean }
  | { kind: 'agent'; scheduled: boolean }
  | { kind: 'step'; position: number; stepCount: number; sequence?: SequenceLabel | undefined }
  | { kind: 'quote'; followUp: boolean }
  | { kind: 'compliance'; keyword: 'opt-out' | 'opt-in' | 'help' }
  | { kind: 'notification' };

const KEYWORD_LABELS = { 'opt-out': 'STOP confirmation', 'opt-in': 'START confirmation', help: 'HELP reply' } as const;

/** "SMS · step 2 of 4 · Welcome v3", "Email · new-lead alert", "SMS · send later". */
export function messageRunSummary(channel: Channel, origin: MessageOrigin): string {
  const what = (() => {
    switch (origin.kind) {
      case 'api':
        return origin.scheduled ? 'send later' : 'send now';
      case 'agent':
        return origin.scheduled ? 'agent reply, later' : 'agent reply';
      case 'step':
        return `step ${origin.position + 1} of ${origin.stepCount}${origin.sequence ? ` · ${sequenceLabel(origin.sequence)}` : ''}`;
      case 'quote':
        return origin.followUp ? 'quote follow-up' : 'quote';
      case 'compliance':
        return KEYWORD_LABELS[origin.keyword];
      case 'notification':
        return 'new-lead alert';
    }
  })();
  return fit(`${channelLabel(channel)} · ${what}`);
}

/** "Sequence · Welcome v3 · 4 steps". */
export function enrollmentRunSummary(sequence: SequenceLabel, stepCount: number): string {
  return fit(`Sequence · ${sequenceLabel(sequence)} · ${stepCount} step${stepCount === 1 ? '' : 's'}`);
}

export function bulkEnrollmentRunSummary(sequence: SequenceLabel): string {
  return fit(`Bulk enrollment · ${sequenceLabel(sequence)}`);
}

/** "Quote follow-up · 3 days", or "Quote · no follow-up". */
export function quoteRunSummary(followUpDays: number | null): string {
  if (followUpDays === null) return 'Quote';
  return followUpDays > 0 ? `Quote follow-up · ${followUpDays} day${followUpDays === 1 ? '' : 's'}` : 'Quote · no follow-up';
}

export function inboundRunSummary(channel: Channel): string {
  return `Inbound ${channelLabel(channel)}`;
}

/** "08:00 Europe/London (Tue 1 Dec)": a local time an operator can check against the contact's day. */
export function localMoment(instant: Date | number | string, timeZone: string): string {
  const at = zonedTime(typeof instant === 'string' ? Date.parse(instant) : instant, timeZone);
  return `${at.toFormat('HH:mm')} ${timeZone} (${at.toFormat('ccc d LLL')})`;
}

/** "3 d 4 h", "5 h 20 min", "42 s": how long a wait is. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}
