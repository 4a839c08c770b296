import { addLocalDays, fromLocal, toLocal } from './time-zone';

/**
 * A daily window, in local minutes after midnight, during which nothing is sent. `start > end` means the
 * window crosses midnight (21:00–08:00).
 */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

/** A tenant's quiet hours as stored (two nullable minute columns), or null when it has none. */
export function tenantQuietHours(tenant: { quietStartMinute: number | null; quietEndMinute: number | null }): QuietHours | null {
  return tenant.quietStartMinute !== null && tenant.quietEndMinute !== null ? { startMinute: tenant.quietStartMinute, endMinute: tenant.quietEndMinute } : null;
}

export interface SendTimeDecision {
  /** When the message may go out: `at` itself, or the end of the quiet window it fell into. */
  sendAt: Date;
  deferred: boolean;
  /** The zone the window was evaluated in. */
  timeZone: string;
}

export function parseClock(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`"${value}" is not a time of day (HH:MM, 24-hour)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export function formatClock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function inWindow(minute: number, window: QuietHours): boolean {
  const { startMinute: start, endMinute: end } = window;
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * When may a message due at `at` be sent, given quiet hours evaluated in the contact's time zone (falling
 * back to the tenant's)? Pure and DST-correct: the window's end is found on the local calendar, so a night
 * that is 23 or 25 hours long still ends at the local wall-clock time.
 */
export function nextSendTime(
  at: Date,
  quietHours: QuietHours | null,
  contactTimeZone: string | null | undefined,
  tenantTimeZone: string,
): SendTimeDecision {
  const timeZone = contactTimeZone || tenantTimeZone;
  if (!quietHours) return { sendAt: at, deferred: false, timeZone };
  const local = toLocal(at, timeZone);
  const minute = local.hour * 60 + local.minute;
  if (!inWindow(minute, quietHours)) return { sendAt: at, deferred: false, timeZone };

  const { startMinute: start, endMinute: end } = quietHours;
  // The window ends today, unless it crosses midnight and we are in its evening part.
  const endsTomorrow = start > end && minute >= start;
  const endDay = endsTomorrow ? addLocalDays(local, 1) : local;
  const sendAt = fromLocal(
    { ...endDay, hour: Math.floor(end / 60), minute: end % 60, second: 0 },
    timeZone,
  );
  return { sendAt, deferred: true, timeZone };
}
