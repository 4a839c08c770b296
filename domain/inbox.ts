import { deliveryBlocker, type Channel } from './channels';
import { AppError, ErrorCodes } from './errors';
import { WHATSAPP_WINDOW_MS, whatsappWindowOpen } from './provider-errors';
import type { ThreadState } from './schemas/inbox';

/**
 * Inbox rules that need no database: how a thread reads at a moment, the list's keyset cursor, and turning a
 * search box into a full-text query.
 */

/** A snooze ends by itself: before its time the thread reads as snoozed, after it as open again. */
export function threadState(status: 'open' | 'closed', snoozedUntil: Date | null, now: Date): ThreadState {
  if (status === 'closed') return 'closed';
  return snoozedUntil && snoozedUntil.getTime() > now.getTime() ? 'snoozed' : 'open';
}

/**
 * The sidebar counts stop counting here, so they cost the same on a tenant of any size (see countThreads): a
 * count below it is exact, a count equal to it means "this many or more".
 */
export const THREAD_COUNT_LIMIT = 1000;

/** A sidebar count as the inbox shows it: exact below the limit, `999+` at it. */
export function formatThreadCount(count: number): string {
  return count >= THREAD_COUNT_LIMIT ? `${THREAD_COUNT_LIMIT - 1}+` : String(count);
}

/**
 * A keyset cursor: lists ordered by (a time, id), newest first — threads by last activity, contacts by creation,
 * a contact's timeline — hand out the last row's pair, opaque to the caller.
 */
export interface KeysetCursor {
  at: Date;
  id: string;
}
/** The thread list's cursor: (last activity, id). */
export type ThreadCursor = KeysetCursor;

// Base64url of ASCII JSON, with the browser's and Node's common btoa/atob (domain/ runs in both).
const toBase64Url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (value: string) => atob(value.replace(/-/g, '+').replace(/_/g, '/'));

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return toBase64Url(JSON.stringify([cursor.at.toISOString(), cursor.id]));
}

export function decodeKeysetCursor(value: string): KeysetCursor {
  const bad = () => new AppError(ErrorCodes.VALIDATION, 'cursor: not a cursor this API gave out (pass nextCursor unchanged)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(value));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') throw bad();
  const at = new Date(parsed[0]);
  if (Number.isNaN(at.getTime()) || !/^[A-Za-z0-9_:-]{1,80}$/.test(parsed[1])) throw bad();
  return { at, id: parsed[1] };
}

export const encodeThreadCursor = encodeKeysetCursor;
export const decodeThreadCursor = decodeKeysetCursor;

/**
 * Words of a search box as a prefix full-text query ('simple' configuration): "pipe leak" finds messages with
 * words starting "pipe" and "leak". Only letters and digits pass, so no input can break the query syntax.
 * Null when nothing searchable remains.
 */
export function prefixTsQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(words)].slice(0, 8);
  return unique.length ? unique.map((w) => `${w}:*`).join(' & ') : null;
}

/** A LIKE pattern matching `q` anywhere, its own % and _ taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface ChannelAvailability {
  available: boolean;
  reason: 'no_address' | 'opted_out' | 'whatsapp_window_closed' | null;
  message: string | null;
  templatesOnly: boolean;
  windowClosesAt: Date | null;
}

/**
 * Whether an agent can write to the contact on a channel now: it needs an address, no opt-out, and on WhatsApp
 * the contact's last message within 24 hours (outside it only an approved template goes).
 */
export function channelAvailability(
  contact: { phone: string | null; email: string | null; smsConsent: string; whatsappConsent: string; emailConsent: string; lastInboundWhatsappAt: Date | null },
  channel: Channel,
  now: Date,
): ChannelAvailability {
  const blocker = deliveryBlocker(contact, channel);
  if (blocker === 'missing_channel') {
    return { available: false, reason: 'no_address', message: `The contact has no ${channel === 'email' ? 'email address' : 'phone number'}.`, templatesOnly: false, windowClosesAt: null };
  }
  if (blocker === 'opted_out') {
    return { available: false, reason: 'opted_out', message: `The contact opted out of ${CHANNEL_NAMES[channel]}; they must opt back in first.`, templatesOnly: false, windowClosesAt: null };
  }
  if (channel === 'whatsapp') {
    const last = contact.lastInboundWhatsappAt;
    if (!last || !whatsappWindowOpen(last, now)) {
      return {
        available: false,
        reason: 'whatsapp_window_closed',
        message: 'The contact has not written on WhatsApp in the last 24 hours: only an approved template can be sent.',
        templatesOnly: true,
        windowClosesAt: null,
      };
    }
    return { available: true, reason: null, message: null, templatesOnly: false, windowClosesAt: new Date(last.getTime() + WHATSAPP_WINDOW_MS) };
  }
  return { available: true, reason: null, message: null, templatesOnly: false, windowClosesAt: null };
}

const CHANNEL_NAMES: Record<Channel, string> = { sms: 'SMS', whatsapp: 'WhatsApp', email: 'email' };
