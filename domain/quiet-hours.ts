import { DateTime } from 'luxon';
import { atWallTime, firstClockChange, zonedTime } from './time-zone';

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

const minuteOfDay = (t: DateTime) => t.hour * 60 + t.minute;

/**
 * From an instant inside the window, the next instant at which the window may have been left: the window's
 * end on the local calendar, or a clock change before then. Clocks going back can leave a window backwards
 * (01:30–04:30 is left at 02:00 EDT, when New York reads 01:00 EST again) or return into it; clocks jumping
 * forward can skip its end (the first instant after the jump opens it) or even the one open minute of a
 * day. The caller re-checks wherever this lands.
 */
function nextCheck(t: DateTime, window: QuietHours, timeZone: string): DateTime {
  const { startMinute: start, endMinute: end } = window;
  // The window ends today, unless it crosses midnight and we are in its evening part.
  const endDay = start > end && minuteOfDay(t) >= start ? DateTime.utc(t.year, t.month, t.day).plus({ days: 1 }) : t;
  const windowEnd = atWallTime(
    { year: endDay.year, month: endDay.month, day: endDay.day, hour: Math.floor(end / 60), minute: end % 60, second: 0 },
    timeZone,
    // Due in the second pass of a repeated hour, the end's first occurrence has already gone.
    { notBefore: t.toMillis() },
  );
  return firstClockChange(t, windowEnd) ?? windowEnd;
}

/**
 * When may a message due at `at` be sent, given quiet hours evaluated in the contact's time zone (falling
 * back to the tenant's)? The first instant at or after `at` whose local wall clock reads outside the
 * window. Pure (no clock of its own) and DST-correct: the window's end is found on the local calendar, so a
 * night that is 23 or 25 hours long still ends at the local wall-clock time.
 */
export function nextSendTime(
  at: Date,
  quietHours: QuietHours | null,
  contactTimeZone: string | null | undefined,
  tenantTimeZone: string,
): SendTimeDecision {
  const timeZone = contactTimeZone || tenantTimeZone;
  if (!quietHours) return { sendAt: at, deferred: false, timeZone };
  let t = zonedTime(at, timeZone);
  // Each check moves strictly forward, to a window's end or a clock change; three settle every real zone
  // (a window's end, a change inside it, the next day's end when the open minutes were skipped).
  for (let check = 0; check < 6 && inWindow(minuteOfDay(t), quietHours); check++) t = nextCheck(t, quietHours, timeZone);
  return t.toMillis() === at.getTime() ? { sendAt: at, deferred: false, timeZone } : { sendAt: t.toJSDate(), deferred: true, timeZone };
}
